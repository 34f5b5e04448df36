// Hover: on a heading, the step it maps to, that step's coverage and score, its checklist (each
// checkpoint met, with a link to the line that met it, or not yet, with why a reviewer asks for it)
// and what the step should contain; on a metric name, what it measures and whether it is offline or online.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { metricsIn } from '../engine/metrics';
import { scoreBand, scoreStep } from '../engine/judgment/score';
import type { CheckpointResult, CoverageEntry, Finding, LintResult, Rubric } from '../engine/types';

export interface HoverRequest {
  document: TextDocument;
  position: Position;
  result: LintResult;
  rubric: Rubric;
}

const STATUS_TEXT = { present: 'present', thin: 'thin (heading with too little content)', missing: 'missing' } as const;

export function getHover(request: HoverRequest): Hover | null {
  const main = headingHover(request) ?? metricHover(request);
  const details = findingDetails(request);
  if (!details) return main;
  if (!main) return { contents: { kind: MarkupKind.Markdown, value: details } };
  const value = typeof main.contents === 'object' && 'value' in main.contents ? main.contents.value : '';
  return { ...main, contents: { kind: MarkupKind.Markdown, value: `${details}\n\n---\n\n${value}` } };
}

/**
 * The rest of each finding at the position: the Problems panel and the squiggle's hover show its
 * one-line message; why it matters and what to write come here.
 */
function findingDetails({ position, result }: HoverRequest): string | undefined {
  const at = (f: Finding) =>
    (f.range.start.line < position.line || (f.range.start.line === position.line && f.range.start.character <= position.character)) &&
    (position.line < f.range.end.line || (position.line === f.range.end.line && position.character <= f.range.end.character));
  const parts = result.findings.filter((f) => f.detail && at(f)).map((f) => `**${f.ruleId}**: ${escapeMarkdown(f.detail!)}`);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

function headingHover({ document, position, result, rubric }: HoverRequest): Hover | null {
  const section = result.doc.sections.find((s) => s.headingRange.start.line <= position.line && position.line <= s.headingRange.end.line);
  if (!section || section.steps.length === 0) return null;
  const parts: string[] = [];
  for (const stepId of section.steps) {
    const index = rubric.steps.findIndex((step) => step.id === stepId);
    const step = rubric.steps[index];
    if (!step) continue;
    const entry = result.coverage[stepId];
    const status = entry ? STATUS_TEXT[entry.status] : 'unknown';
    const decidedElsewhere = entry?.sectionIndex !== undefined && entry.sectionIndex !== section.index && entry.line !== undefined;
    const score = entry ? (entry.score ?? scoreStep(entry.status, entry.checkpoints)) : undefined;
    const scoreText = score !== undefined ? ` · ${score}/3 ${scoreBand(score)}` : '';
    const lines = [`**Step ${index + 1} of ${rubric.steps.length}: ${escapeMarkdown(step.title)}** (${status}${scoreText})`];
    if (entry?.reason) lines.push(`${escapeMarkdown(entry.reason)}${decidedElsewhere ? ` (${lineLink(document.uri, entry.line!)})` : ''}`);
    const checklist = entry ? checklistMarkdown(document.uri, entry) : undefined;
    if (checklist) lines.push(checklist);
    lines.push(`What this step should contain: ${escapeMarkdown(step.summary)}`);
    parts.push(lines.join('\n\n'));
  }
  if (parts.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: section.headingRange };
}

/**
 * The step's checkpoints as a checklist: met ones first in the rubric's order with a link to the
 * line that met it, then those not met yet with why a reviewer asks for them.
 */
export function checklistMarkdown(uri: string, entry: CoverageEntry): string | undefined {
  const checkpoints = entry.checkpoints ?? [];
  if (checkpoints.length === 0) return undefined;
  const met = checkpoints.filter((c) => c.met);
  const item = (c: CheckpointResult): string =>
    c.met ? `- ✓ ${escapeMarkdown(c.title)}${c.line !== undefined ? ` — ${lineLink(uri, c.line)}` : ''}` : `- ○ ${escapeMarkdown(c.title)} — not yet${c.why ? `: ${escapeMarkdown(c.why)}` : ''}`;
  return [`**Checklist** (${met.length} of ${checkpoints.length} met)`, '', ...checkpoints.map(item)].join('\n');
}

/**
 * A link that opens the document at a zero-based line: `[line 12](file:///doc.md#L12)`. VS Code's
 * opener reads the `#L<line>` fragment of a link in a hover and selects that line; no command
 * link, so the hover needs no trusted Markdown.
 */
export function lineLink(uri: string, line: number): string {
  const target = `${uri.replace(/#.*$/, '')}#L${line + 1}`.replace(/[ ()<>]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[line ${line + 1}](${target})`;
}

/** Text from the document or the config shown as itself, not as Markdown. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, (character) => `\\${character}`);
}

function metricHover({ document, position }: HoverRequest): Hover | null {
  const lineText = document.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } });
  for (const { metric, index, length } of metricsIn(lineText)) {
    if (position.character < index || position.character > index + length) continue;
    const kind = metric.kind === 'offline' ? 'Offline metric: computed on held-out data before launch.' : 'Online metric: measured on live traffic, usually in an A/B test.';
    return {
      contents: { kind: MarkupKind.Markdown, value: `**${metric.name}** (${metric.kind})\n\n${metric.description}\n\n${kind}` },
      range: { start: { line: position.line, character: index }, end: { line: position.line, character: index + length } },
    };
  }
  return null;
}
