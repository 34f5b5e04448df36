// Runs the engine over open documents: debounced per document, one run at a time per
// document, and results for superseded versions dropped instead of published.
//
// The engine is CPU-bound and cannot be interrupted mid-run, so "cancelling stale work" means:
// a pending (debounced) run is replaced by the newer edit; a run already in progress finishes
// (its parsed chunks stay in the engine's cache, which makes the next run cheaper) but its
// result is never published when the document moved on; at most one follow-up run is queued
// behind it however many edits arrive meanwhile, and it lints the newest text.
// This is the scheduler; what one run does is analysisRun.ts.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { RuleFailure } from '../engine/types';
import type { ConfigurationStore } from './configuration';
import { errorMessage, type ServerLogger } from './logger';
import { setMermaidValidationCapacity } from '../engine/mermaid/validate';
import { DEFAULT_MAX_DOCUMENT_CHARS, runAnalysis, type DocumentAnalysis, type LintEngine } from './analysisRun';

export { DEFAULT_MAX_DOCUMENT_CHARS, type DocumentAnalysis, type LintEngine };

export interface DocumentSource {
  get(uri: string): TextDocument | undefined;
  all(): TextDocument[];
}

export interface AnalyzerOptions {
  engine: LintEngine;
  configuration: ConfigurationStore;
  documents: DocumentSource;
  workspaceFolders(): readonly string[];
  isForced(uri: string): boolean;
  logger: ServerLogger;
  /** Documents larger than this are not checked (one information diagnostic says so). */
  maxDocumentChars?: number;
  /** Where the rule docs live (diagnostics link to `<base><rule>.md`); no links without it. */
  ruleDocsBase?: string;
  /** How many documents keep their full engine result; the rest keep only diagnostics. */
  retainedResults?: number;
}

/**
 * A design doc's model is several copies of its text (prose lines, section bodies, passages);
 * with 200 documents open that dominated the server's memory, while only the few documents
 * being edited or looked at need it for hover, completion and code actions.
 */
export const DEFAULT_RETAINED_RESULTS = 16;

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

interface DocumentState {
  timer?: ReturnType<typeof setTimeout>;
  /** Resolves when the debounced run fires and finishes. */
  scheduled?: Deferred<DocumentAnalysis | undefined>;
  running?: Promise<DocumentAnalysis | undefined>;
  /** Version and generation of the text being linted by `running`. */
  runningVersion?: number;
  runningGeneration?: number;
  queued?: Promise<DocumentAnalysis | undefined>;
  latest?: DocumentAnalysis;
  /** Analyses from generations before this one are out of date (set by `invalidate`). */
  validFrom: number;
  /** The rules whose failure was logged for this version: one log line each, not one per re-run. */
  loggedFailures?: { version: number; rules: Set<string> };
}

export class DocumentAnalyzer {
  private readonly states = new Map<string, DocumentState>();
  private readonly listeners: ((analysis: DocumentAnalysis) => void)[] = [];
  private generation = 0;
  /** Analyses from generations before this one are out of date for every document (set by `invalidateAll`). */
  private validFrom = 0;
  private readonly maxDocumentChars: number;
  private readonly retainedResults: number;
  /** URIs whose latest analysis holds a full result, least recently used first. */
  private readonly retained = new Set<string>();
  /** Mermaid diagrams per open document: the validation cache is sized to hold them all. */
  private readonly diagramCounts = new Map<string, number>();
  private diagramTotal = 0;

  constructor(private readonly options: AnalyzerOptions) {
    this.maxDocumentChars = options.maxDocumentChars ?? DEFAULT_MAX_DOCUMENT_CHARS;
    this.retainedResults = Math.max(1, options.retainedResults ?? DEFAULT_RETAINED_RESULTS);
  }

  /** Called with every analysis that is current when it completes (never with stale ones). */
  onAnalyzed(listener: (analysis: DocumentAnalysis) => void): void {
    this.listeners.push(listener);
  }

  isCurrent(analysis: DocumentAnalysis | undefined): analysis is DocumentAnalysis {
    if (!analysis || !this.isValidGeneration(analysis.uri, analysis.generation)) return false;
    return this.options.documents.get(analysis.uri)?.version === analysis.version;
  }

  private isValidGeneration(uri: string, generation: number): boolean {
    return generation >= this.validFrom && generation >= (this.states.get(uri)?.validFrom ?? 0);
  }

  /** Lint after `delayMs` of quiet; each call restarts the wait. */
  schedule(uri: string, delayMs: number): void {
    const state = this.state(uri);
    if (state.timer) clearTimeout(state.timer);
    state.scheduled ??= deferred();
    state.timer = setTimeout(() => {
      state.timer = undefined;
      const scheduled = state.scheduled;
      state.scheduled = undefined;
      void this.analyze(uri).then((analysis) => scheduled?.resolve(analysis));
    }, delayMs);
  }

  /** The current analysis, waiting for a pending debounced run rather than jumping ahead of it. */
  whenAnalyzed(uri: string): Promise<DocumentAnalysis | undefined> {
    const state = this.states.get(uri);
    if (this.isCurrent(state?.latest)) return Promise.resolve(state.latest);
    if (state?.scheduled) return state.scheduled.promise;
    return this.analyze(uri);
  }

  /** An analysis of the current text (or newer), starting a run now if none is under way. */
  analyze(uri: string): Promise<DocumentAnalysis | undefined> {
    const document = this.options.documents.get(uri);
    if (!document) return Promise.resolve(undefined);
    const state = this.state(uri);
    if (this.isCurrent(state.latest) && !state.latest.evicted) {
      this.touch(uri);
      return Promise.resolve(state.latest);
    }
    if (state.running) {
      // The run under way lints this very text under valid settings: its result will be current.
      if (state.runningVersion === document.version && this.isValidGeneration(uri, state.runningGeneration!)) return state.running;
      // One follow-up run behind the one in progress; it reads the text when it starts.
      state.queued ??= state.running.then(() => {
        state.queued = undefined;
        return this.analyze(uri);
      });
      return state.queued;
    }
    if (state.timer) {
      // Running now supersedes the debounced run; whoever waits for that gets this result.
      clearTimeout(state.timer);
      state.timer = undefined;
    }
    const scheduled = state.scheduled;
    state.scheduled = undefined;
    state.runningVersion = document.version;
    state.runningGeneration = this.generation;
    const run = this.run(document, this.generation).then((analysis) => {
      state.running = undefined;
      state.runningVersion = undefined;
      state.runningGeneration = undefined;
      if (this.states.get(uri) !== state) return analysis; // closed meanwhile
      state.latest = analysis;
      if (analysis.result) this.touch(uri);
      if (this.isCurrent(analysis)) {
        for (const listener of this.listeners) {
          try {
            listener(analysis);
          } catch (error) {
            this.options.logger.error(`Publishing the analysis of ${uri} failed: ${errorMessage(error)}`);
          }
        }
      }
      return analysis;
    });
    state.running = run;
    void run.then((analysis) => scheduled?.resolve(analysis));
    return run;
  }

  /** Forget a closed document. */
  forget(uri: string): void {
    const state = this.states.get(uri);
    if (!state) return;
    if (state.timer) clearTimeout(state.timer);
    state.scheduled?.resolve(undefined);
    this.states.delete(uri);
    this.retained.delete(uri);
    this.countDiagrams(uri, 0);
  }

  /** Keeps the mermaid validation cache as big as the open documents' diagrams need. */
  private countDiagrams(uri: string, count: number): void {
    const before = this.diagramCounts.get(uri) ?? 0;
    if (count === before) return;
    if (count === 0) this.diagramCounts.delete(uri);
    else this.diagramCounts.set(uri, count);
    this.diagramTotal += count - before;
    setMermaidValidationCapacity(this.diagramTotal);
  }

  /** Marks a document's result as recently used and drops the results of the least recently used beyond the limit. */
  private touch(uri: string): void {
    this.retained.delete(uri);
    this.retained.add(uri);
    while (this.retained.size > this.retainedResults) {
      const oldest = this.retained.values().next().value!;
      this.retained.delete(oldest);
      const state = this.states.get(oldest);
      if (state?.latest?.result) state.latest = { ...state.latest, result: undefined, evicted: true };
    }
  }

  /** Settings or config files changed: every analysis is out of date; re-lint the open documents now. */
  invalidateAll(): void {
    this.generation++;
    this.validFrom = this.generation;
    for (const document of this.options.documents.all()) this.schedule(document.uri, 0);
  }

  /** Something only this document's analysis depends on changed (it was forced on or off): re-lint it alone, now. */
  invalidate(uri: string): void {
    if (!this.options.documents.get(uri)) return;
    this.generation++;
    this.state(uri).validFrom = this.generation;
    this.schedule(uri, 0);
  }

  private state(uri: string): DocumentState {
    let state = this.states.get(uri);
    if (!state) {
      state = { validFrom: 0 };
      this.states.set(uri, state);
    }
    return state;
  }

  private run(document: TextDocument, generation: number): Promise<DocumentAnalysis> {
    const { uri } = document;
    return runAnalysis(document, generation, this.options, this.maxDocumentChars, {
      // Only while the document is open: a closed one's diagrams no longer count.
      diagrams: (count) => {
        if (this.states.has(uri)) this.countDiagrams(uri, count);
      },
      ruleFailures: (version, failures) => this.logRuleFailures(uri, version, failures),
    });
  }

  /** A rule that threw leaves the result incomplete: say so in the log, once per rule and document version. */
  private logRuleFailures(uri: string, version: number, failures: readonly RuleFailure[]): void {
    if (failures.length === 0) return;
    const state = this.states.get(uri);
    if (state && state.loggedFailures?.version !== version) state.loggedFailures = { version, rules: new Set() };
    for (const failure of failures) {
      if (state?.loggedFailures?.rules.has(failure.ruleId)) continue;
      state?.loggedFailures?.rules.add(failure.ruleId);
      this.options.logger.error(`${uri} v${version}: rule ${failure.ruleId} failed, so its findings are missing: ${failure.message}`);
    }
  }
}
