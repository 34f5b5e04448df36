// Hover: on a heading, the step it maps to, that step's coverage and what the step should
// contain; on a metric name, what it measures and whether it is offline or online.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { metricsIn } from '../engine/metrics';
import type { LintResult, Template } from '../engine/types';

export interface HoverRequest {
  document: TextDocument;
  position: Position;
  result: LintResult;
  template: Template;
}

const STATUS_TEXT = { present: 'present', thin: 'thin (heading with too little content)', missing: 'missing' } as const;

export function getHover(request: HoverRequest): Hover | null {
  return headingHover(request) ?? metricHover(request);
}

function headingHover({ position, result, template }: HoverRequest): Hover | null {
  const section = result.doc.sections.find(
    (s) => s.style !== 'root' && s.headingRange.start.line <= position.line && position.line <= s.headingRange.end.line,
  );
  if (!section || section.steps.length === 0) return null;
  const parts: string[] = [];
  for (const stepId of section.steps) {
    const index = template.steps.findIndex((step) => step.id === stepId);
    const step = template.steps[index];
    if (!step) continue;
    const entry = result.coverage[stepId];
    const status = entry ? STATUS_TEXT[entry.status] : 'unknown';
    const decidedElsewhere = entry?.sectionIndex !== undefined && entry.sectionIndex !== section.index && entry.line !== undefined;
    const lines = [`**Step ${index + 1} of ${template.steps.length}: ${step.title}** (${status})`];
    if (entry?.reason) lines.push(`${entry.reason}${decidedElsewhere ? ` (line ${entry.line! + 1})` : ''}`);
    lines.push(`What this step should contain: ${step.summary}`);
    parts.push(lines.join('\n\n'));
  }
  if (parts.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: section.headingRange };
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
