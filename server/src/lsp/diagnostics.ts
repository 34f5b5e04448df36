// Engine findings and config problems as LSP diagnostics.
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { ConfigProblem, Finding, Severity } from '../engine/types';
import { ruleDocUrl } from '../ruleDocs';

export { ruleDocsBaseFromManifest } from '../ruleDocs';

export const DIAGNOSTIC_SOURCE = 'mlsd';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Clamps a range into the document so a rule's off-by-one can never send an invalid range. */
export function clampRange(range: Range, lineCount: number): Range {
  const lastLine = Math.max(0, lineCount - 1);
  const clamp = (line: number, character: number) => ({
    line: Math.min(Math.max(0, line | 0), lastLine),
    character: Math.max(0, character | 0),
  });
  const start = clamp(range.start.line, range.start.character);
  let end = clamp(range.end.line, range.end.character);
  if (end.line < start.line || (end.line === start.line && end.character < start.character)) end = start;
  return { start, end };
}

/** `ruleDocsBase` (see ruleDocsBaseFromManifest) links the code to the rule's docs; without it there is no link. */
export function findingToDiagnostic(finding: Finding, lineCount: number, ruleDocsBase?: string): Diagnostic {
  return {
    range: clampRange(finding.range, lineCount),
    severity: SEVERITY[finding.severity] ?? DiagnosticSeverity.Warning,
    code: finding.ruleId,
    ...(ruleDocsBase ? { codeDescription: { href: ruleDocUrl(finding.ruleId, ruleDocsBase) } } : {}),
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
}

/** One diagnostic for a document the server refuses to check (too large), so the user knows why nothing shows. */
export function documentSkippedDiagnostic(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message,
  };
}

/**
 * Config problems carry a key path ("rules.missing-step"), not a position: the diagnostic goes
 * on the line that spells the last key segment, or on the first line when none does
 * (a JSON syntax error, a missing key).
 */
export function configProblemToDiagnostic(problem: ConfigProblem, configText: string | undefined): Diagnostic {
  let range: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const lines = configText?.split(/\r?\n/) ?? [];
  if (lines.length > 0) range.end.character = lines[0].length;
  const parts = problem.key.split('.').filter((part) => part !== '' && !/^\d+$/.test(part));
  const lastKey = parts.at(-1);
  if (lastKey) {
    // `"key":` in JSON, `key:` in YAML.
    const pattern = new RegExp(`(["']?)${lastKey.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1\\s*:`);
    const line = lines.findIndex((text) => pattern.test(text));
    if (line >= 0) {
      const character = lines[line].search(/\S/);
      range = { start: { line, character: Math.max(0, character) }, end: { line, character: lines[line].length } };
    }
  }
  return {
    range,
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    code: 'config',
    message: problem.key ? `${problem.key}: ${problem.message}` : problem.message,
  };
}
