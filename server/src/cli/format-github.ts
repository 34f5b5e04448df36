// `--format github`: GitHub Actions workflow commands, one annotation per finding
// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions), so findings show
// on the pull request's diff without any upload. Errors become `::error`, warnings `::warning`, the
// rest `::notice`; a file that could not be checked is an `::error` on the file. Then the summary line.
// Everything from the repository (paths, messages, config keys) is escaped as the runner expects, so a
// heading cannot end an annotation early or inject a command of its own.
import type { Severity } from '../engine/types';
import { escapeControlCharacters, paletteFor, summaryLine } from './format-text';
import { sortFindings, visibleFindings, type RunReport } from './report';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** A command's message: %, CR and LF escaped. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: as data, and the separators `:` and `,` too. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: string, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

export function formatGithub(run: RunReport): string {
  const out: string[] = [];
  for (const problem of run.configProblems) out.push(command('warning', { title: 'mlsd-lint config' }, problem));
  for (const problem of run.inputProblems) out.push(command('error', { title: 'mlsd-lint' }, `${problem.file}: ${problem.message}`));
  for (const report of run.files) {
    if (report.error !== undefined || !report.coverage) {
      out.push(command('error', { file: report.displayPath, title: 'mlsd-lint: not checked' }, report.error ?? 'not checked'));
      continue;
    }
    if (report.fixError !== undefined) out.push(command('error', { file: report.displayPath, title: 'mlsd-lint --fix' }, report.fixError));
    for (const finding of sortFindings(visibleFindings(report, run.quiet))) {
      const { start, end } = finding.range;
      const sameLine = start.line === end.line;
      out.push(
        command(
          COMMAND[finding.severity],
          {
            file: report.displayPath,
            line: start.line + 1,
            endLine: end.line + 1,
            // Columns only on one line: GitHub ignores them (or misplaces the annotation) across lines.
            col: sameLine ? start.character + 1 : undefined,
            endColumn: sameLine ? Math.max(end.character + 1, start.character + 1) : undefined,
            title: `mlsd-lint ${finding.ruleId}`,
          },
          // The one-line message is the annotation's title line; the detail (why it matters, what to write) follows.
          finding.detail ? `${finding.message}\n\n${finding.detail}` : finding.message,
        ),
      );
    }
  }
  // The summary is plain log text; control characters cannot reach it (counts only), but keep it one line.
  out.push(escapeControlCharacters(summaryLine(run, paletteFor(false))));
  return `${out.join('\n')}\n`;
}
