// Custom LSP messages and settings shared by the client and the server (one place, typed),
// in the manner of vscode-eslint. Both sides import this file; it has no runtime dependencies
// beyond the protocol's type constructors.
import { RequestType, RequestType0, NotificationType } from 'vscode-languageserver-protocol';
import type { CheckpointResult, Coverage, CoverageStatus, StepScore } from './engine/types';
import { DEBOUNCE_MS, ENABLE, EXCLUDE, INCLUDE, PREVIEW_DEBOUNCE_MS, PREVIEW_THEME, RULES, TEMPLATE, VOCABULARY, type CustomTemplateSetting, type PreviewTheme } from './settings/definitions';

/** Settings under the `mlsd` section that the server reads, through workspace/configuration. Each is defined (default, limits, normaliser) in settings/definitions.ts. */
export interface MlsdSettings {
  /** Master switch. */
  enable: boolean;
  /** Globs (relative to the workspace folder) of files checked as design docs. */
  include: string[];
  /** Globs never checked, even when they match include. */
  exclude: string[];
  /** Per-rule severity override: error | warning | information | hint | off. */
  rules: Record<string, string>;
  /** Extra heading vocabulary per step id. */
  vocabulary: Record<string, string[]>;
  /** A custom template (ordered required sections), replacing the seven steps when set. */
  template: CustomTemplateSetting;
  /** Debounce before re-linting after an edit, in milliseconds. */
  debounceMs: number;
  preview: { theme: PreviewTheme; debounceMs: number };
}

export const DEFAULT_SETTINGS: MlsdSettings = {
  enable: ENABLE.default,
  include: [...INCLUDE.default],
  exclude: [...EXCLUDE.default],
  rules: { ...RULES.default },
  vocabulary: { ...VOCABULARY.default },
  template: TEMPLATE.default,
  debounceMs: DEBOUNCE_MS.default,
  preview: { theme: PREVIEW_THEME.default, debounceMs: PREVIEW_DEBOUNCE_MS.default },
};

export interface CoverageParams {
  uri: string;
}
export interface CoverageResult {
  uri: string;
  /** False when the document is not treated as a design doc (outside include globs, no opt-in). */
  isDesignDoc: boolean;
  coverage: Coverage | null;
  /** Step/check ids in rubric order with their display titles. */
  items: CoverageItem[];
  /** 0-100, how ready the doc is (engine/judgment/score.ts `readiness`); absent when not a design doc. */
  readiness?: number;
  /**
   * The effective severity of every rule for this document (defaults, config file and editor settings
   * merged), so the client shows what applies: a check whose rule is `off` leaves the status bar.
   * Absent when not a design doc (and from older servers).
   */
  rules?: Record<string, string>;
}
export interface CoverageItem {
  id: string;
  title: string;
  kind: 'step' | 'check';
  status: CoverageStatus;
  /** Zero-based line that decided the status (a step's heading), absent when missing. */
  line?: number;
  /** Zero-based last line of the section that decided the status (steps with a section only). */
  endLine?: number;
  reason: string;
  /** The text that decided a check ("p99 < 100 ms"), when there is one. */
  evidence?: string;
  /** Steps only: 0 missing, 1 thin, 2 present, 3 strong. */
  score?: StepScore;
  /** Steps only: the reviewer's checkpoints, met or not yet (empty when the engine has none). */
  checkpoints?: CheckpointResult[];
}
/** Client -> server: coverage for the status bar and quick pick. */
export const CoverageRequest = new RequestType<CoverageParams, CoverageResult, void>('mlsd/coverage');

/** Server -> client: coverage changed for a document (after each lint), so the status bar updates without polling. */
export const CoverageChangedNotification = new NotificationType<CoverageResult>('mlsd/coverageChanged');

/** Client -> server: check this document as a design doc even though it is outside the include globs. */
export interface ForceCheckParams {
  uri: string;
  enabled: boolean;
}
export const ForceCheckRequest = new RequestType<ForceCheckParams, void, void>('mlsd/forceCheck');

export interface DiagramsParams {
  uri: string;
}
export interface DiagramInfo {
  /** Zero-based line of the opening fence. */
  line: number;
  /** Zero-based line of the first line of diagram source. */
  codeStartLine: number;
  endLine: number;
  code: string;
  /** Title of the section the diagram belongs to, or null before the first heading. */
  heading: string | null;
}
/** Client -> server: the mermaid blocks of a document, in order, with their section headings. */
export const DiagramsRequest = new RequestType<DiagramsParams, DiagramInfo[], void>('mlsd/diagrams');

/** Client -> server: the rule catalogue, for "Show rule docs". */
export interface RuleInfo {
  id: string;
  description: string;
  docs: string;
  defaultSeverity: string;
  fixable: boolean;
  tags: string[];
}
export const RulesRequest = new RequestType0<RuleInfo[], void>('mlsd/rules');
