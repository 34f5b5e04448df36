// Engine findings and config problems as LSP diagnostics.
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { ConfigProblem, Finding, Severity } from '../engine/types';
import { installedRuleDocsBase, ruleDocUrl } from '../ruleDocs';

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

let installedDocs: { base: string | undefined } | undefined;
/** The rule pages installed beside the running server (dist/server.js -> docs/rules/), looked up once. */
function installedDocsBase(): string | undefined {
  installedDocs ??= { base: typeof __dirname === 'string' ? installedRuleDocsBase(__dirname) : undefined };
  return installedDocs.base;
}

/**
 * The code links to the rule's page: the one installed with the server when it is there (works
 * offline; the VS Code client opens it in the Markdown preview), else the one under `ruleDocsBase`
 * (see ruleDocsBaseFromManifest); without either there is no link.
 */
export function findingToDiagnostic(finding: Finding, lineCount: number, ruleDocsBase?: string): Diagnostic {
  const docsBase = ruleDocsBase ? (installedDocsBase() ?? ruleDocsBase) : undefined;
  return {
    range: clampRange(finding.range, lineCount),
    severity: SEVERITY[finding.severity] ?? DiagnosticSeverity.Warning,
    code: finding.ruleId,
    ...(docsBase ? { codeDescription: { href: ruleDocUrl(finding.ruleId, docsBase) } } : {}),
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

/** Where each key of a config text is first spelled, built in one pass over the text. */
interface KeyIndex {
  text: string | undefined;
  /** Lengths of the lines. */
  lineLengths: number[];
  /** Key -> { line, first non-blank character of that line }. */
  keys: Map<string, { line: number; character: number }>;
}

/** Keys spelled `"key":` (JSON) or `key:` / `'key':` (YAML), anywhere in a line (minified JSON has them all on one). */
const KEY_PATTERN = /"((?:[^"\\\r\n]|\\.){1,200})"\s*:|'([^'\r\n]{1,200})'\s*:|(?:^|[\s{,-])([^\s"'{}[\],:#][^\r\n:#]{0,199}?)\s*:(?=\s|$)/g;

let lastIndex: KeyIndex | undefined;

/**
 * One index per config text (the server turns a file's problems into diagnostics one by one with the
 * same text): the text is scanned once, not once per problem. Keys over 200 characters are not indexed.
 */
function keyIndex(configText: string | undefined): KeyIndex {
  if (lastIndex && lastIndex.text === configText) return lastIndex;
  const lines = configText?.split(/\r\n|\r|\n/) ?? [];
  const keys = new Map<string, { line: number; character: number }>();
  lines.forEach((line, index) => {
    if (!line.includes(':')) return;
    const character = Math.max(0, line.search(/\S/));
    for (const match of line.matchAll(KEY_PATTERN)) {
      let key = match[1] ?? match[2] ?? match[3];
      if (key === undefined) continue;
      if (match[1] !== undefined) {
        try {
          key = JSON.parse(`"${match[1]}"`) as string;
        } catch {
          // keep it as written
        }
      }
      key = key.trim();
      if (!keys.has(key)) keys.set(key, { line: index, character });
    }
  });
  lastIndex = { text: configText, lineLengths: lines.map((line) => line.length), keys };
  return lastIndex;
}

/**
 * Config problems carry a key path ("rules.missing-step"), not a position: the diagnostic goes
 * on the line that spells the last key segment, or on the first line when none does
 * (a JSON syntax error, a missing key).
 */
export function configProblemToDiagnostic(problem: ConfigProblem, configText: string | undefined): Diagnostic {
  const index = keyIndex(configText);
  let range: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: index.lineLengths[0] ?? 0 } };
  const parts = problem.key.split('.').filter((part) => part !== '' && !/^\d+$/.test(part));
  // "template.sections[0].id" -> "id"
  const lastKey = parts.at(-1)?.replace(/\[\d+\]$/, '');
  const found = lastKey ? index.keys.get(lastKey) : undefined;
  if (found) range = { start: { line: found.line, character: found.character }, end: { line: found.line, character: index.lineLengths[found.line] ?? 0 } };
  return {
    range,
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    code: 'config',
    message: problem.key ? `${problem.key}: ${problem.message}` : problem.message,
  };
}
