// Human output: per file, the coverage checklist and the findings, then a summary line.
// Colour only when writing to a terminal and NO_COLOR is not set (https://no-color.org).
import { stepTitle } from '../engine/vocabulary';
import { readinessBand, scoreStep } from '../engine/judgment/score';
import { checkpointLabel } from '../engine/rules/thin-step';
import type { CoverageStatus, Severity } from '../engine/types';
import { fileReadiness } from './format-json';
import { countBySeverity, coverageIds, sortFindings, visibleFindings, type FileReport, type RunReport } from './report';

export interface Palette {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  blue(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const plain: Palette = { red: (t) => t, yellow: (t) => t, green: (t) => t, blue: (t) => t, dim: (t) => t, bold: (t) => t };
const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const ansi: Palette = { red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39), blue: sgr(34, 39), dim: sgr(2, 22), bold: sgr(1, 22) };

export function shouldUseColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export function paletteFor(useColor: boolean): Palette {
  return useColor ? ansi : plain;
}

/**
 * Text from a document, a file name or a config, made safe to print to a terminal: control
 * characters (escape sequences that clear the screen or write the clipboard, line breaks that forge
 * lines) and bidirectional overrides are shown as escapes (`\x1b`, `\n`, `\u202e`) instead.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (character) => {
    if (character === '\n') return '\\n';
    if (character === '\r') return '\\r';
    if (character === '\t') return '\\t';
    const code = character.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const STATUS_MARK: Record<CoverageStatus, string> = { present: '[x]', thin: '[~]', missing: '[ ]' };

export function formatText(run: RunReport, colors: Palette): string {
  const out: string[] = [];
  const severityColor: Record<Severity, (text: string) => string> = { error: colors.red, warning: colors.yellow, information: colors.blue, hint: colors.dim };
  for (const report of run.files) {
    if (report.error !== undefined || !report.coverage) continue; // reported on stderr
    const findings = sortFindings(visibleFindings(report, run.quiet));
    if (run.quiet && findings.length === 0) continue;
    out.push(colors.bold(escapeControlCharacters(report.displayPath)));
    if (report.fixedCount > 0) out.push(`  ${colors.green(`fixed ${report.fixedCount} problem${report.fixedCount === 1 ? '' : 's'}`)}`);
    if (!run.quiet) out.push(...coverageLines(report, colors));
    const width = Math.max(0, ...findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}`.length));
    for (const finding of findings) {
      const where = `${finding.range.start.line + 1}:${finding.range.start.character + 1}`.padEnd(width);
      const severity = severityColor[finding.severity](finding.severity.padEnd(11));
      out.push(`  ${colors.dim(where)}  ${severity}  ${escapeControlCharacters(finding.message)}  ${colors.dim(finding.ruleId)}`);
    }
    out.push('');
  }
  out.push(summaryLine(run, colors));
  return `${out.join('\n')}\n`;
}

/**
 * The readiness, then one line per step and check: score (steps only), mark, title, where it was
 * found (and why it is thin or missing), and the checkpoints the step still lacks.
 *
 *     readiness 41/100 (getting there)
 *     2/3 [x] Clarify requirements  line 3; lacks: scale in numbers, data available
 *     1/3 [~] Model development     thin, line 20, only a heading; lacks: baseline, loss, training cadence
 *         [x] Metric gap            line 31
 */
function coverageLines(report: FileReport, colors: Palette): string[] {
  const coverage = report.coverage!;
  const ids = coverageIds(coverage, report.rubric);
  const stepIds = new Set(report.rubric?.steps.map((step) => step.id));
  const titles = ids.map((id) => escapeControlCharacters(report.rubric ? stepTitle(id, report.rubric) : id));
  const width = Math.max(...titles.map((title) => title.length));
  const statusColor: Record<CoverageStatus, (text: string) => string> = { present: colors.green, thin: colors.yellow, missing: colors.red };
  const value = fileReadiness(report);
  const lines = [`  ${colors.bold(`readiness ${value}/100`)} ${colors.dim(`(${readinessBand(value)})`)}`];
  lines.push(
    ...ids.map((id, i) => {
      const entry = coverage[id]!;
      const isStep = stepIds.has(id) || entry.score !== undefined;
      const score = isStep ? `${entry.score ?? scoreStep(entry.status, entry.checkpoints)}/3` : '   ';
      const where = entry.line !== undefined && entry.status !== 'missing' ? `line ${entry.line + 1}` : '';
      const detail = entry.status === 'present' ? where : [entry.status, where, entry.reason].filter(Boolean).join(', ');
      const lacking = isStep ? (entry.checkpoints ?? []).filter((c) => !c.met).map((c) => checkpointLabel(c)) : [];
      const text = [detail, lacking.length > 0 ? `lacks: ${lacking.join(', ')}` : ''].filter(Boolean).join('; ');
      return `  ${statusColor[entry.status](score)} ${statusColor[entry.status](STATUS_MARK[entry.status])} ${titles[i]!.padEnd(width)}  ${colors.dim(escapeControlCharacters(text))}`.trimEnd();
    }),
  );
  return lines;
}

export function summaryLine(run: RunReport, colors: Palette): string {
  const checked = run.files.filter((report) => report.error === undefined);
  const counts = countBySeverity(checked.flatMap((report) => report.findings));
  const failed = run.files.length - checked.length + run.inputProblems.length;
  const parts: string[] = [];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  parts.push(`${plural(checked.length, 'file')} checked`);
  const problemCounts = [plural(counts.error, 'error'), plural(counts.warning, 'warning')];
  if (counts.information > 0) problemCounts.push(`${counts.information} information`);
  if (counts.hint > 0) problemCounts.push(plural(counts.hint, 'hint'));
  parts.push(problemCounts.join(', '));
  const fixed = run.files.reduce((sum, report) => sum + report.fixedCount, 0);
  const fixable = run.files.reduce((sum, report) => sum + report.fixableCount, 0);
  if (fixed > 0) parts.push(`${fixed} fixed`);
  if (fixable > 0) parts.push(`${fixable} fixable with --fix`);
  if (failed > 0) parts.push(colors.red(`${plural(failed, 'file')} not checked`));
  const line = parts.join('; ');
  return counts.error > 0 ? colors.red(line) : counts.warning > 0 ? colors.yellow(line) : colors.green(line);
}
