// The language service: every feature of the server behind plain methods, built by a factory
// that takes its engine, documents, configuration access and logger (the shape of
// vscode-markdown-languageservice), so the features run in unit tests with in-memory doubles
// and server.ts only translates between the connection and these methods.
import type { CodeAction, CodeActionContext, CompletionItem, Diagnostic, DocumentSymbol, Hover, Position, Range, TextEdit } from 'vscode-languageserver';
import type { DesignDoc, Finding, ResolvedConfig, Rule } from '../engine/types';
import { stepTitle } from '../engine/vocabulary';
import { coverageIds } from '../engine/coverage';
import { readiness, scoreStep } from '../engine/judgment/score';
import type { CoverageItem, CoverageResult, DiagramInfo, RuleInfo } from '../protocol';
import { DEFAULT_MAX_DOCUMENT_CHARS, DocumentAnalyzer, type DocumentAnalysis, type DocumentSource, type LintEngine } from './analyzer';
import { getCodeActions } from './codeActions';
import { getCompletions, mayComplete } from './completion';
import { ConfigurationStore, type ConfigAccess, type ConfigProblemReport } from './configuration';
import { getHover } from './hover';
import { errorMessage, type ServerLogger } from './logger';
import { getDocumentSymbols } from './symbols';

export interface LanguageServiceOptions {
  engine: LintEngine & { rules: readonly Rule[]; parse(text: string, config?: ResolvedConfig): DesignDoc };
  collectAutoFixes(findings: Finding[]): TextEdit[];
  documents: DocumentSource;
  configAccess: ConfigAccess;
  workspaceFolders(): readonly string[];
  logger: ServerLogger;
  maxDocumentChars?: number;
  /** Where the rule docs live (see ruleDocsBaseFromManifest); diagnostics link there. */
  ruleDocsBase?: string;
}

export interface LanguageService {
  /** Runs on every analysis that is current when it completes: push diagnostics and coverage from here. */
  onAnalyzed(listener: (analysis: DocumentAnalysis) => void): void;
  onConfigFileProblems(listener: (report: ConfigProblemReport) => void): void;
  onSettingsProblems(listener: (problems: string[]) => void): void;

  /** A document was opened (`immediate`: check it now) or edited (check after the debounce). */
  documentChanged(uri: string, immediate?: boolean): Promise<void>;
  documentClosed(uri: string): void;
  settingsChanged(): void;
  configFilesChanged(): void;
  setForced(uri: string, enabled: boolean): void;

  /** For pull diagnostics: `resultId` changes whenever the text, the settings or a config file did. */
  diagnostics(uri: string): Promise<{ version: number; resultId: string; diagnostics: Diagnostic[] } | undefined>;
  codeActions(uri: string, range: Range, context: CodeActionContext, supportsDocumentChanges: boolean): Promise<CodeAction[]>;
  completions(uri: string, position: Position, supportsSnippets: boolean, options?: { headingsOnly?: boolean }): Promise<CompletionItem[]>;
  hover(uri: string, position: Position): Promise<Hover | null>;
  documentSymbols(uri: string): Promise<DocumentSymbol[]>;
  coverage(uri: string): Promise<CoverageResult>;
  coverageOf(analysis: DocumentAnalysis): CoverageResult;
  diagrams(uri: string): Promise<DiagramInfo[]>;
  rules(): RuleInfo[];
}

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const { documents, logger, engine } = options;
  const maxDocumentChars = options.maxDocumentChars ?? DEFAULT_MAX_DOCUMENT_CHARS;
  const configuration = new ConfigurationStore(options.configAccess, logger);
  const forced = new Set<string>();
  const analyzer = new DocumentAnalyzer({
    engine,
    configuration,
    documents,
    workspaceFolders: options.workspaceFolders,
    isForced: (uri) => forced.has(uri),
    logger,
    maxDocumentChars,
    ...(options.ruleDocsBase !== undefined ? { ruleDocsBase: options.ruleDocsBase } : {}),
  });

  /** An analysis of exactly the current version, linting now if needed (requests must not wait out the debounce). */
  const current = async (uri: string): Promise<DocumentAnalysis | undefined> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const analysis = await analyzer.analyze(uri);
      if (!analysis || analyzer.isCurrent(analysis)) return analysis;
      // The document changed while it was being linted: go again for the newer text.
    }
    return undefined;
  };

  const coverageOf = (analysis: DocumentAnalysis): CoverageResult => {
    const { result, config } = analysis;
    if (!analysis.selection.isDesignDoc || !result) return { uri: analysis.uri, isDesignDoc: analysis.selection.isDesignDoc, coverage: null, items: [] };
    const items = coverageIds(result.coverage, config.rubric).map((id): CoverageItem => {
      const entry = result.coverage[id]!;
      const kind = config.rubric.steps.some((step) => step.id === id) ? 'step' : 'check';
      const section = entry.sectionIndex !== undefined ? result.doc.sections[entry.sectionIndex] : undefined;
      return {
        id,
        title: stepTitle(id, config.rubric),
        kind,
        status: entry.status,
        reason: entry.reason,
        ...(entry.line !== undefined ? { line: entry.line } : {}),
        ...(kind === 'step' && section ? { endLine: section.range.end.line } : {}),
        ...(entry.evidence !== undefined ? { evidence: entry.evidence } : {}),
        ...(kind === 'step' ? { score: entry.score ?? scoreStep(entry.status, entry.checkpoints), checkpoints: entry.checkpoints ?? [] } : {}),
      };
    });
    const docReadiness = typeof result.readiness === 'number' ? result.readiness : readiness(result.coverage, config.rubric);
    const rules = Object.fromEntries(engine.rules.map((rule) => [rule.id, config.rules[rule.id]?.severity ?? rule.defaultSeverity]));
    return { uri: analysis.uri, isDesignDoc: true, coverage: result.coverage, items, readiness: docReadiness, rules };
  };

  /** Runs a feature, turning a thrown error into a logged one and an empty answer. */
  const guarded = async <T>(feature: string, uri: string, empty: T, run: () => Promise<T> | T): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      logger.error(`${feature} failed for ${uri}: ${errorMessage(error)}`);
      return empty;
    }
  };

  return {
    onAnalyzed: (listener) => analyzer.onAnalyzed(listener),
    onConfigFileProblems: (listener) => configuration.onConfigFileProblems(listener),
    onSettingsProblems: (listener) => configuration.onSettingsProblems(listener),

    async documentChanged(uri, immediate = false) {
      if (immediate) {
        analyzer.schedule(uri, 0);
        return;
      }
      const { settings } = await configuration.forDocument(uri);
      // Closed while the settings were fetched: nothing to schedule (and nothing to cache).
      if (!documents.get(uri)) {
        configuration.forget(uri);
        return;
      }
      analyzer.schedule(uri, settings.debounceMs);
    },
    documentClosed(uri) {
      analyzer.forget(uri);
      configuration.forget(uri);
    },
    settingsChanged() {
      configuration.invalidateSettings();
      analyzer.invalidateAll();
    },
    configFilesChanged() {
      configuration.invalidateFileConfigs();
      analyzer.invalidateAll();
    },
    setForced(uri, enabled) {
      if (enabled) forced.add(uri);
      else forced.delete(uri);
      // Only this document's selection changed: the other open documents keep their analyses.
      analyzer.invalidate(uri);
    },

    async diagnostics(uri) {
      const analysis = await analyzer.whenAnalyzed(uri);
      return analysis ? { version: analysis.version, resultId: `${analysis.version}.${analysis.generation}`, diagnostics: analysis.diagnostics } : undefined;
    },
    codeActions: (uri, range, context, supportsDocumentChanges) =>
      guarded('Code actions', uri, [], async () => {
        const analysis = await current(uri);
        const document = documents.get(uri);
        if (!analysis?.result || !document || document.version !== analysis.version) return [];
        return getCodeActions({ document, analysis, range, context, supportsDocumentChanges }, { collectAutoFixes: options.collectAutoFixes });
      }),
    completions: (uri, position, supportsSnippets, completionOptions = {}) =>
      guarded('Completion', uri, [], async () => {
        // Decided on the text alone, before any lint: a space typed mid-paragraph must not force one.
        const before = documents.get(uri);
        if (!before || !mayComplete(before, position, completionOptions.headingsOnly === true)) return [];
        const analysis = await current(uri);
        const document = documents.get(uri);
        if (!analysis?.result || !document) return [];
        return getCompletions({ document, position, result: analysis.result, rubric: analysis.config.rubric, supportsSnippets, logger, headingsOnly: completionOptions.headingsOnly === true });
      }),
    hover: (uri, position) =>
      guarded('Hover', uri, null, async () => {
        const analysis = await current(uri);
        const document = documents.get(uri);
        if (!analysis?.result || !document) return null;
        return getHover({ document, position, result: analysis.result, rubric: analysis.config.rubric });
      }),
    documentSymbols: (uri) =>
      guarded('Document symbols', uri, [], async () => {
        const analysis = await current(uri);
        return analysis?.result ? getDocumentSymbols(analysis.result, analysis.config.rubric) : [];
      }),
    coverage: (uri) =>
      guarded('Coverage', uri, { uri, isDesignDoc: false, coverage: null, items: [] }, async () => {
        const analysis = await current(uri);
        return analysis ? coverageOf(analysis) : { uri, isDesignDoc: false, coverage: null, items: [] };
      }),
    coverageOf,
    diagrams: (uri) =>
      guarded('Diagrams', uri, [], async () => {
        const document = documents.get(uri);
        if (!document || document.getText().length > maxDocumentChars) return [];
        const analysis = await current(uri);
        if (!analysis || analysis.skipped) return [];
        // The preview works on any Markdown file, design doc or not: parse one that was not linted.
        const doc = analysis.result?.doc ?? engine.parse(document.getText(), analysis.config);
        return doc.mermaidBlocks.map((block) => ({
          line: block.range.start.line,
          codeStartLine: block.codeStartLine,
          endLine: block.range.end.line,
          code: block.code,
          heading: block.sectionIndex !== undefined ? (doc.sections[block.sectionIndex]?.title ?? null) : null,
        }));
      }),
    rules: () =>
      engine.rules.map((rule) => ({
        id: rule.id,
        description: rule.description,
        docs: rule.docs,
        defaultSeverity: rule.defaultSeverity,
        fixable: rule.fixable,
        tags: [...rule.tags],
      })),
  };
}
