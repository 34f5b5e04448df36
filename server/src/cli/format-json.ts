// The JSON output: a public contract (documented in --help and the README), so its shape changes only on purpose.
// Lines and columns are one-based; endColumn points just past the last character, as in SARIF.
import { readiness as readinessOf, scoreStep } from '../engine/judgment/score';
import type { CoverageEntry, StepScore } from '../engine/types';
import { coverageIds, sortFindings, visibleFindings, type FileReport, type RunReport } from './report';

export interface JsonCoverageEntry {
  status: 'present' | 'thin' | 'missing';
  /** Absent when the step is missing. */
  line?: number;
  /** Steps only (not the two checks): 0 missing, 1 thin, 2 present, 3 strong. */
  score?: StepScore;
  /** Steps only: the reviewer's checkpoints, in the rubric's order; empty when the step declares none. */
  checkpoints?: JsonCheckpoint[];
}

export interface JsonCheckpoint {
  id: string;
  title: string;
  met: boolean;
  /** One-based line of the content that met it; absent when not met. */
  line?: number;
}

export interface JsonDiagnostic {
  rule: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  /** What is wrong, one line of at most 100 characters. */
  message: string;
  /** Why it matters and what to write, when the rule says more. */
  detail?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface JsonFileResult {
  file: string;
  coverage?: Record<string, JsonCoverageEntry>;
  /** 0-100: how ready the doc is, from the step scores and the two checks; absent when the file could not be checked. */
  readiness?: number;
  diagnostics: JsonDiagnostic[];
  /** Why the file could not be checked; coverage is then absent. */
  error?: string;
  /** Why --fix did not write the file's fixes; coverage and diagnostics are those of the file as it is. */
  fixError?: string;
}

export function toJsonResults(run: RunReport): JsonFileResult[] {
  const results: JsonFileResult[] = run.inputProblems.map((problem) => ({ file: problem.file, diagnostics: [], error: problem.message }));
  for (const report of run.files) results.push(fileResult(report, run.quiet));
  return results;
}

function fileResult(report: FileReport, quiet: boolean): JsonFileResult {
  if (report.error !== undefined || !report.coverage) return { file: report.displayPath, diagnostics: [], error: report.error ?? 'not checked' };
  const coverage = jsonCoverage(report);
  const diagnostics = sortFindings(visibleFindings(report, quiet)).map((finding): JsonDiagnostic => ({
    rule: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    ...(finding.detail ? { detail: finding.detail } : {}),
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn: finding.range.end.character + 1,
  }));
  return { file: report.displayPath, coverage, readiness: fileReadiness(report), diagnostics, ...(report.fixError !== undefined ? { fixError: report.fixError } : {}) };
}

/** A checked file's coverage as the JSON contract spells it: per step status, line, score and checkpoints; per check status and line. */
export function jsonCoverage(report: FileReport): Record<string, JsonCoverageEntry> {
  const coverage: Record<string, JsonCoverageEntry> = {};
  if (!report.coverage) return coverage;
  const stepIds = new Set(report.rubric?.steps.map((step) => step.id));
  for (const id of coverageIds(report.coverage, report.rubric)) {
    const entry = report.coverage[id]!;
    coverage[id] = {
      status: entry.status,
      ...(entry.status !== 'missing' && entry.line !== undefined ? { line: entry.line + 1 } : {}),
      ...(stepIds.has(id) || entry.score !== undefined ? judgmentOf(entry) : {}),
    };
  }
  return coverage;
}

/** A step's score and checkpoints as the JSON contract spells them (lines one-based, no `why`). */
export function judgmentOf(entry: CoverageEntry): { score: StepScore; checkpoints: JsonCheckpoint[] } {
  return {
    score: entry.score ?? scoreStep(entry.status, entry.checkpoints),
    checkpoints: (entry.checkpoints ?? []).map((c) => ({ id: c.id, title: c.title, met: c.met, ...(c.met && c.line !== undefined ? { line: c.line + 1 } : {}) })),
  };
}

/** The engine's readiness for the file; computed from the coverage when a report predates it. */
export function fileReadiness(report: FileReport): number {
  if (typeof report.readiness === 'number') return report.readiness;
  return report.coverage && report.rubric ? readinessOf(report.coverage, report.rubric) : 0;
}

export function formatJson(run: RunReport): string {
  return `${JSON.stringify(toJsonResults(run), null, 2)}\n`;
}
