// The engine's public model. Nothing here knows about LSP or VS Code: the language
// server and the CLI translate these shapes into their own.
import type { PassageKind } from './parse/summary';

/** The seven steps of the default rubric; a custom rubric may define its own ids. */
export const DEFAULT_STEP_IDS = ['clarify', 'framing', 'data', 'model', 'evaluation', 'serving', 'monitoring'] as const;
export type DefaultStepId = (typeof DEFAULT_STEP_IDS)[number];
export type StepId = string;

/** The two cross-cutting checks reported next to the steps in coverage. */
export const CHECK_IDS = ['metric-gap', 'latency-budget'] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export type CoverageStatus = 'present' | 'thin' | 'missing';
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Zero-based, like LSP; the CLI's JSON output converts to one-based. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The obvious fix for the finding: editors may apply it on "quick fix" directly. */
  isPreferred?: boolean;
  /**
   * Where the inserted text belongs in a doc written in rubric order (see fixes.ts
   * insertionOrder): "fix all" puts insertions at one point in this order, so a latency table for
   * serving comes before a new monitoring section, and a metrics table before the gap discussion.
   */
  order?: number;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  /**
   * What is wrong, in one line of at most MESSAGE_MAX characters (the Problems panel shows one line):
   * test/unit/messages.test.ts holds every rule to it.
   */
  message: string;
  /** The rest: why it matters and what to write. Shown on hover, in the JSON output and the report. */
  detail?: string;
  range: Range;
  fixes?: Fix[];
  /** The step or check the finding is about, when there is one (used by completions and the status bar). */
  stepId?: string;
  /** Every step the finding is about, when it is about several (steps missing at one place). */
  stepIds?: string[];
}

/** How a heading was written; bold lines and list items count as headings in real docs. */
export type HeadingStyle = 'atx' | 'setext' | 'bold' | 'list-item';

export interface Section {
  index: number;
  title: string;
  /** 1-6 for real headings; pseudo headings (bold, list item) get the level of the enclosing heading + 1. */
  level: number;
  style: HeadingStyle;
  headingRange: Range;
  /** From the heading to the line before the next heading of the same or higher level. */
  range: Range;
  /** Steps whose vocabulary the heading matches, in the order of the rubric. */
  steps: StepId[];
  /** Those of `steps` reached only through an ambiguous heading word ("Overview", "Architecture"): the section must show the step's substance. */
  weakSteps?: StepId[];
  parent?: number;
  children: number[];
}

export interface MermaidBlock {
  code: string;
  /** The range of the fenced block, fences included. */
  range: Range;
  /** The line of the first line of diagram source (after the opening fence), zero-based. */
  codeStartLine: number;
  /** The innermost section containing the block, or undefined before the first heading. */
  sectionIndex?: number;
}

export interface ControlComment {
  kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-file';
  rules: string[];
  line: number;
}

/**
 * A passage: the engine's unit of a doc's content (a paragraph, list item, table row, code block,
 * diagram, image, ...) and the section it belongs to. Each is judged on its own (judgment/prompts.ts).
 */
export interface Passage {
  kind: PassageKind;
  line: number;
  endLine: number;
  text: string;
  sectionIndex?: number;
  placeholder: boolean;
  words: number;
}

export interface DesignDoc {
  text: string;
  /** Start offset of every line. */
  lineStarts: number[];
  lineCount: number;
  sections: Section[];
  mermaidBlocks: MermaidBlock[];
  controlComments: ControlComment[];
  /** Every passage in document order (HTML comments excluded). */
  passages: Passage[];
  /** Parts where costly Markdown constructs were switched off (parse.ts parseLimitsHit): line of the part, and why. */
  parseLimits: { line: number; reason: string }[];
}

export interface CoverageEntry {
  status: CoverageStatus;
  /** Zero-based line that decided the status, absent when missing. */
  line?: number;
  /** Section that decided the status, if any. */
  sectionIndex?: number;
  /** Short human explanation ("heading 'Metrics' with 12 lines", "only a placeholder 'X ms'"). */
  reason: string;
  /** The text that decided a check ("p99 < 100 ms", "X ms"), for messages. */
  evidence?: string;
  /** Steps only: 0 missing, 1 thin, 2 present, 3 strong (most checkpoints met). See `scoreStep` in judgment/score.ts. */
  score?: StepScore;
  /** Steps only: the reviewer's checkpoints for the step, each met (with the line that met it) or not yet. */
  checkpoints?: CheckpointResult[];
}

export type StepScore = 0 | 1 | 2 | 3;

export interface CheckpointResult {
  id: string;
  title: string;
  met: boolean;
  /** Zero-based line of the content that met it. */
  line?: number;
  /** One line on why an interviewer or reviewer asks for it (debrief, hover). */
  why?: string;
  /** Met inside the step's own sections (not only elsewhere in the doc). */
  inStep?: boolean;
}

/** A checkpoint of a step, as data: met by specific content anywhere in the doc (attributed to its step). */
export interface CheckpointDefinition {
  id: string;
  title: string;
  /** Why a reviewer asks for it, one line. */
  why?: string;
  /** Phrases (see judgment/phrases.ts: whole words, a trailing `*` for a prefix) whose presence in a stating block meets it. */
  phrases: string[];
  /** Regular expressions (JavaScript syntax, matched ignoring case, Unicode-aware) for what phrases cannot say, such as a number with a unit. */
  patterns?: string[];
  /** Only applies when the doc is about one of these kinds of system (e.g. the two-stage funnel: recommendation, search, ads). */
  appliesTo?: string[];
}

export type Coverage = Record<string, CoverageEntry>;

export interface StepDefinition {
  id: StepId;
  title: string;
  /** What the step should contain; used in messages and hovers. */
  summary: string;
  /** Heading vocabulary: lower-case words or phrases; a heading matching any of them maps to the step. */
  headings: string[];
  /** Prose vocabulary: phrases that show the step is discussed without a heading. */
  prose: string[];
  /**
   * When the step has no substantial section of its own: how many of its checkpoints must be met
   * elsewhere for it to count as present (default 2), and what a checkpoint met inside another
   * step's section weighs (default 0.5; framing is often stated inside requirements or model, 1),
   * and which checkpoints must be among them.
   */
  withoutSection?: { checkpoints?: number; foreignWeight?: number; requires?: string[] };
  /** Markdown skeleton inserted by the missing-step fix (heading line without the leading #s). */
  skeleton?: string;
  /** The reviewer's checkpoints for the step (DOMAIN.md "The reviewer's rubric"). */
  checkpoints?: CheckpointDefinition[];
}

/**
 * What a doc is judged against: its steps (each with the reviewer's checkpoints) and whether the two
 * ML checks apply. Configs call it `template` (`.mlsdrc`, `mlsd.template`) and keep that key; in the
 * code "template" means only a starter doc in templates/ (skeletons.ts).
 */
export interface Rubric {
  name: string;
  steps: StepDefinition[];
  /** Whether the metric-gap and latency-budget checks apply (true for the default rubric). */
  mlChecks: boolean;
}

export interface RuleSetting {
  severity: Severity | 'off';
}

export interface ResolvedConfig {
  /** The rubric, read from the config key `template`. */
  rubric: Rubric;
  rules: Record<string, RuleSetting>;
  /** The file the config came from, for messages. */
  source?: string;
}

export interface ConfigProblem {
  file: string;
  /** JSON pointer-ish path of the bad key, e.g. "rules.missing-step". */
  key: string;
  message: string;
}

export interface RuleContext {
  doc: DesignDoc;
  coverage: Coverage;
  config: ResolvedConfig;
  report(finding: Omit<Finding, 'ruleId' | 'severity'> & { severity?: Severity }): void;
}

export interface Rule {
  id: string;
  description: string;
  tags: string[];
  defaultSeverity: Severity;
  /** One paragraph, used for generated docs and hovers. */
  docs: string;
  fixable: boolean;
  /**
   * The steps or checks (`metric-gap`, `latency-budget`) the rule is about. With a rubric that lacks
   * any of them (a custom rubric), the rule does not run. Absent: applies to every rubric.
   */
  requires?: string[];
  /** May be async (mermaid's parser is); the engine awaits every rule. */
  check(ctx: RuleContext): void | Promise<void>;
  /**
   * Called during parsing for each mermaid diagram met, before `check`: lets a slow check start
   * its work in the background while the rest of the document is still being parsed.
   */
  onMermaidDiagram?(source: string): void;
}

export interface RuleFailure {
  ruleId: string;
  message: string;
}

export interface LintResult {
  doc: DesignDoc;
  coverage: Coverage;
  findings: Finding[];
  /** Rules that threw: the result is incomplete, and callers must say so rather than report "clean". */
  ruleFailures: RuleFailure[];
  /** 0-100: how ready the doc is, from the step scores and the two checks (judgment/score.ts `readiness`). */
  readiness: number;
}
