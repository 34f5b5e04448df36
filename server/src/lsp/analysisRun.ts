// One analysis of one document version: select it (is it a design doc, under which settings and
// config), lint it within the size limit and turn the findings into diagnostics. No scheduling here:
// the analyzer (analyzer.ts) decides when a run starts and whether its result is still current.
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintResult, ResolvedConfig, RuleFailure } from '../engine/types';
import type { ConfigurationStore } from './configuration';
import { documentSkippedDiagnostic, findingToDiagnostic } from './diagnostics';
import { selectDocument, type Selection } from './documentSelection';
import { errorMessage, type ServerLogger } from './logger';

/** The part of the engine the server lints with. */
export interface LintEngine {
  lint(text: string, options: { config: ResolvedConfig }): Promise<LintResult>;
}

export interface DocumentAnalysis {
  uri: string;
  version: number;
  /**
   * The analyzer's generation when the run started. Bumped whenever settings or config files
   * change (all documents) or a document is invalidated on its own, so an analysis made under
   * old settings is not current, and pull diagnostics get a new result id.
   */
  generation: number;
  selection: Selection;
  config: ResolvedConfig;
  /** The engine's result; absent for documents that are not design docs or were not checked. */
  result?: LintResult;
  /** With a result: `diagnostics[i]` is `result.findings[i]` as published. */
  diagnostics: Diagnostic[];
  /**
   * True when `result` was dropped to save memory (the document has not been looked at for a
   * while); the diagnostics stay valid, and features re-lint (cheaply, from the engine's cache).
   */
  evicted?: boolean;
  /** Why a design doc was not checked (too large, engine failure). */
  skipped?: string;
}

/** 1 MB of Markdown is far beyond any real design doc; past it a first lint takes seconds. */
export const DEFAULT_MAX_DOCUMENT_CHARS = 1_000_000;
/** What a run reads: the engine, the settings and config, and the workspace. */
export interface RunOptions {
  engine: LintEngine;
  configuration: ConfigurationStore;
  workspaceFolders(): readonly string[];
  isForced(uri: string): boolean;
  logger: ServerLogger;
  ruleDocsBase?: string;
}

/** What a run reports back to the analyzer as it goes. */
export interface RunHooks {
  /** The linted text's mermaid diagram count (for the validation cache's size). */
  diagrams(count: number): void;
  /** Rules that threw during the lint. */
  ruleFailures(version: number, failures: readonly RuleFailure[]): void;
}

/** Lints one version of a document; documents over `maxDocumentChars` are not checked (one diagnostic says so). */
export async function runAnalysis(document: TextDocument, generation: number, options: RunOptions, maxDocumentChars: number, hooks: RunHooks): Promise<DocumentAnalysis> {
  const { uri, version } = document;
  const text = document.getText();
  const { settings, config } = await options.configuration.forDocument(uri);
  const selection = selectDocument({
    uri,
    text,
    settings,
    workspaceFolders: options.workspaceFolders(),
    forced: options.isForced(uri),
  });
  const base = { uri, version, generation, selection, config, diagnostics: [] as Diagnostic[] };
  if (!selection.isDesignDoc) return base;
  if (text.length > maxDocumentChars) {
    const skipped = `Not checked as a design doc: ${(text.length / 1e6).toFixed(1)} MB is over the ${(maxDocumentChars / 1e6).toFixed(1)} MB limit.`;
    options.logger.warn(`${uri}: ${skipped}`);
    return { ...base, skipped, diagnostics: [documentSkippedDiagnostic(skipped)] };
  }
  const started = performance.now();
  try {
    const result = await options.engine.lint(text, { config });
    const lintMs = performance.now() - started;
    // Engines that give no diagrams (test doubles) count as none.
    hooks.diagrams(result.doc.mermaidBlocks?.length ?? 0);
    // The engine's line count of the text it linted, not document.lineCount: that one makes the
    // TextDocument build and keep an offset per line, for documents nobody edits or points into.
    const lineCount = result.doc.lineCount;
    const diagnostics = result.findings.map((finding) => findingToDiagnostic(finding, lineCount, options.ruleDocsBase));
    options.logger.debug(`${uri} v${version}: ${diagnostics.length} findings in ${lintMs.toFixed(1)} ms`);
    hooks.ruleFailures(version, result.ruleFailures);
    return { ...base, result, diagnostics };
  } catch (error) {
    const skipped = `Could not check this document (an internal error, logged in the output): ${error instanceof Error ? error.message : String(error)}`;
    options.logger.error(`Linting ${uri} v${version} failed: ${errorMessage(error)}`);
    return { ...base, skipped, diagnostics: [documentSkippedDiagnostic(skipped)] };
  }
}
