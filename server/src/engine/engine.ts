// The engine: one parse per document version (chunk summaries cached across versions),
// coverage computed once, every enabled rule run over the same model, control comments
// and configured severities applied last.
import { ChunkCache } from './parse';
import { buildDesignDoc, lineText } from './model';
import { computeCoverage } from './coverage';
import { createHeadingMatcher, type HeadingMatcher } from './headingMatch';
import { ALL_RULES } from './rules';
import { readiness } from './judgment/score';
import { defaultConfig } from './config';
import { CHECK_IDS } from './types';
import type { ControlComment, DesignDoc, Finding, LintResult, ResolvedConfig, Rule, RuleFailure, Severity, Rubric } from './types';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface EngineOptions {
  rules?: readonly Rule[];
  logger?: Logger;
  /** Maximum cached chunk summaries (shared by all documents). */
  cacheSize?: number;
}

export interface LintOptions {
  config?: ResolvedConfig;
}

export interface Engine {
  readonly rules: readonly Rule[];
  lint(text: string, options?: LintOptions): Promise<LintResult>;
  /** The design-doc model alone (no rules): for features such as symbols, hover and the diagram list. */
  parse(text: string, config?: ResolvedConfig): DesignDoc;
  /** Cache statistics, for benchmarks and tests. */
  cacheStats(): { hits: number; misses: number };
}

const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export function createEngine(options: EngineOptions = {}): Engine {
  const rules = options.rules ?? ALL_RULES;
  const logger = options.logger ?? silentLogger;
  const cache = new ChunkCache(options.cacheSize);
  const matchers = new WeakMap<Rubric, HeadingMatcher>();

  const matcherFor = (rubric: Rubric): HeadingMatcher => {
    let matcher = matchers.get(rubric);
    if (!matcher) {
      matcher = createHeadingMatcher(rubric);
      matchers.set(rubric, matcher);
    }
    return matcher;
  };

  const parse = (text: string, config: ResolvedConfig = defaultConfig()): DesignDoc => buildDesignDoc(text, cache, matcherFor(config.rubric));

  return {
    rules,
    parse,
    cacheStats: () => ({ hits: cache.hits, misses: cache.misses }),
    async lint(text, lintOptions = {}) {
      const config = lintOptions.config ?? defaultConfig();
      // Each rule that is not off, with the severity the configuration gives it, if any.
      // Rules run where they apply: with a custom rubric, only those whose steps and checks it has.
      const provides = new Set<string>([...config.rubric.steps.map((s) => s.id), ...(config.rubric.mlChecks ? CHECK_IDS : [])]);
      const enabled = rules.flatMap((rule) => {
        const setting = config.rules[rule.id]?.severity;
        if (setting === 'off' || !(rule.requires ?? []).every((id) => provides.has(id))) return [];
        return [{ rule, setting }];
      });
      const diagramObservers = enabled.map(({ rule }) => rule).filter((rule) => rule.onMermaidDiagram);
      // Rules that check diagrams in the background start on each one as the parse meets it.
      cache.onMermaidDiagram = diagramObservers.length ? (source) => diagramObservers.forEach((rule) => startEarly(rule, source)) : undefined;
      let doc: DesignDoc;
      try {
        doc = parse(text, config);
      } finally {
        cache.onMermaidDiagram = undefined;
      }
      const coverage = computeCoverage(doc, config.rubric);
      const findings: Finding[] = [];
      const ruleFailures: RuleFailure[] = [];
      for (const { rule, setting } of enabled) {
        const severity: Severity = setting ?? rule.defaultSeverity;
        try {
          await rule.check({
            doc,
            coverage,
            config,
            report: (finding) => findings.push({ ...finding, ruleId: rule.id, severity: setting ?? finding.severity ?? severity }),
          });
        } catch (error) {
          // One broken rule must not take the others (or the server) down with it, but it is reported.
          const message = error instanceof Error ? error.message : String(error);
          ruleFailures.push({ ruleId: rule.id, message });
          logger.error(`rule ${rule.id} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
        }
      }
      const visible = applyControlComments(findings, doc);
      visible.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      return { doc, coverage, findings: visible, ruleFailures, readiness: readiness(coverage, config.rubric, new Set(CHECK_IDS.filter((id) => config.rules[id]?.severity === 'off'))) };
    },
  };
}

/** A failing early start must not stop the parse: the rule's check does the same work and reports it. */
function startEarly(rule: Rule, source: string): void {
  try {
    rule.onMermaidDiagram?.(source);
  } catch {
    // Reported by check(), as a rule failure, if it happens again there.
  }
}

function mentions(comment: ControlComment, ruleId: string): boolean {
  return comment.rules.length === 0 || comment.rules.includes(ruleId) || comment.rules.includes('all');
}

/** Drops findings silenced by `<!-- mlsd-disable… -->` comments. */
export function applyControlComments(findings: Finding[], doc: DesignDoc): Finding[] {
  const comments = doc.controlComments;
  if (!comments.length) return findings;
  const fileDisabled = comments.filter((c) => c.kind === 'disable-file');
  const regions = comments.filter((c) => c.kind === 'disable' || c.kind === 'enable').sort((a, b) => a.line - b.line);
  const nextLine = comments.filter((c) => c.kind === 'disable-next-line');
  const nextContentLine = (line: number): number => {
    let l = line + 1;
    while (l < doc.lineCount && lineText(doc.text, doc.lineStarts, l).trim() === '') l++;
    return l;
  };
  const nextTargets = nextLine.map((c) => ({ comment: c, line: nextContentLine(c.line) }));
  return findings.filter((f) => {
    if (fileDisabled.some((c) => mentions(c, f.ruleId))) return false;
    const line = f.range.start.line;
    if (nextTargets.some((t) => t.line === line && mentions(t.comment, f.ruleId))) return false;
    let disabled = false;
    for (const c of regions) {
      if (c.line > line) break;
      if (mentions(c, f.ruleId)) disabled = c.kind === 'disable';
    }
    return !disabled;
  });
}
