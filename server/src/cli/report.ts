// What the CLI knows about each file after linting; every output format renders this.
import type { Coverage, Finding, Severity, Rubric } from '../engine/types';

export interface FileReport {
  /** Absolute path. */
  path: string;
  /** Path as shown to the user (relative to the working folder when inside it, forward slashes). */
  displayPath: string;
  /** Set when the file could not be checked; then coverage is absent and findings empty. */
  error?: string;
  coverage?: Coverage;
  findings: Finding[];
  /** The rubric the file was checked against (for coverage order and titles). */
  rubric?: Rubric;
  /** Findings fixed by --fix. */
  fixedCount: number;
  /** Remaining findings that --fix would fix. */
  fixableCount: number;
  /** 0-100: how ready the file is (engine/judgment/score.ts `readiness`); absent when it could not be checked. */
  readiness?: number;
  /** Set when --fix had fixes for the file but did not write them (outside the folders given, changed meanwhile); the findings are those of the file as it is on disk. */
  fixError?: string;
}

export interface RunReport {
  files: FileReport[];
  /** Configuration problems, already formatted "file: key: message", de-duplicated across files. */
  configProblems: string[];
  /** Inputs that led to no file (missing path, glob matching nothing). */
  inputProblems: { file: string; message: string }[];
  quiet: boolean;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** Findings the user asked to see: --quiet keeps errors only. */
export function visibleFindings(report: FileReport, quiet: boolean): Finding[] {
  return quiet ? report.findings.filter((finding) => finding.severity === 'error') : report.findings;
}

export { coverageIds } from '../engine/coverage';

/** Findings sorted by position, then rule, so every format lists them the same way. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
}
