// The JSON output: a public contract (documented in --help and the README), so its shape changes only on purpose.
// Lines and columns are one-based; endColumn points just past the last character, as in SARIF.
import { coverageIds, sortFindings, visibleFindings, type FileReport, type RunReport } from './report';

export interface JsonCoverageEntry {
  status: 'present' | 'thin' | 'missing';
  /** Absent when the step is missing. */
  line?: number;
}

export interface JsonDiagnostic {
  rule: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface JsonFileResult {
  file: string;
  coverage?: Record<string, JsonCoverageEntry>;
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
  const coverage: Record<string, JsonCoverageEntry> = {};
  for (const id of coverageIds(report.coverage, report.template)) {
    const entry = report.coverage[id]!;
    coverage[id] = entry.status !== 'missing' && entry.line !== undefined ? { status: entry.status, line: entry.line + 1 } : { status: entry.status };
  }
  const diagnostics = sortFindings(visibleFindings(report, quiet)).map(
    (finding): JsonDiagnostic => ({
      rule: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      line: finding.range.start.line + 1,
      column: finding.range.start.character + 1,
      endLine: finding.range.end.line + 1,
      endColumn: finding.range.end.character + 1,
    }),
  );
  return { file: report.displayPath, coverage, diagnostics, ...(report.fixError !== undefined ? { fixError: report.fixError } : {}) };
}

export function formatJson(run: RunReport): string {
  return `${JSON.stringify(toJsonResults(run), null, 2)}\n`;
}
