// Helpers shared by rules: where to anchor a document-level finding, and section lookups.
import type { DesignDoc, Range, RuleContext, Section } from '../types';
import { lineText } from '../model';

/** The document's title heading, else its first line: where document-level findings go. */
export function documentAnchor(doc: DesignDoc): Range {
  const title = doc.sections.find((s) => s.level === 1 && (s.style === 'atx' || s.style === 'setext')) ?? doc.sections[0];
  if (title) return { start: title.headingRange.start, end: { line: title.headingRange.start.line, character: lineText(doc.text, doc.lineStarts, title.headingRange.start.line).length } };
  let line = 0;
  while (line < doc.lineCount - 1 && !lineText(doc.text, doc.lineStarts, line).trim()) line++;
  return { start: { line, character: 0 }, end: { line, character: lineText(doc.text, doc.lineStarts, line).length } };
}

/** The heading line of a section as a range covering the whole line. */
export function headingLineRange(doc: DesignDoc, section: Section): Range {
  const line = section.headingRange.start.line;
  return { start: { line, character: 0 }, end: { line, character: lineText(doc.text, doc.lineStarts, line).length } };
}

export function lineRange(doc: DesignDoc, line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: lineText(doc.text, doc.lineStarts, line).length } };
}

/** The section that decided a step's coverage, if any. */
export function coverageSection(ctx: RuleContext, id: string): Section | undefined {
  const entry = ctx.coverage[id];
  return entry?.sectionIndex !== undefined ? ctx.doc.sections[entry.sectionIndex] : undefined;
}

/** Text of every prose passage in the doc (code, diagrams and comments excluded), lower-cased. */
export function proseText(doc: DesignDoc, filter?: (sectionIndex: number | undefined) => boolean): string {
  return doc.passages
    .filter((b) => b.kind !== 'code' && b.kind !== 'mermaid' && b.kind !== 'math' && (!filter || filter(b.sectionIndex)))
    .map((b) => b.text)
    .join('\n')
    .toLowerCase();
}

/** Section indexes belonging to a step: its sections and their descendants. */
export function stepSectionIndexes(doc: DesignDoc, stepId: string): Set<number> {
  const out = new Set<number>();
  const add = (s: Section): void => {
    out.add(s.index);
    for (const c of s.children) add(doc.sections[c]);
  };
  for (const s of doc.sections) if (s.steps.includes(stepId)) add(s);
  return out;
}

/** A finding's message is one line of at most this many characters; the rest goes to its detail. */
export const MESSAGE_MAX = 100;

/**
 * The opening of a sentence that fits in a message: all of it when it fits, else up to the last
 * clause boundary (": ", "; ", ". ") that fits, ended with a period; undefined when none does.
 */
export function firstClause(text: string, max = MESSAGE_MAX): string | undefined {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  let cut = -1;
  for (const match of line.matchAll(/[:;.] /g)) if (match.index! < max) cut = match.index!;
  return cut > 0 ? `${line.slice(0, cut)}.` : undefined;
}

/** A heading or other document text quoted in a message: one line, at most `max` characters. */
export function quoted(text: string, max = 40): string {
  return `"${shorten(text, max)}"`;
}

/** Document text as one line of at most `max` characters, cut with an ellipsis. */
export function shorten(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/**
 * One place, one finding: a step of the rubric that is missing or thin already carries a finding
 * (missing-step, thin-step) naming what it lacks, so a hint about that step stays quiet. A step the
 * rubric does not have is not "carried" by anything.
 */
export function carriedByStepFinding(ctx: RuleContext, stepId: string): boolean {
  const entry = ctx.coverage[stepId];
  return entry !== undefined && entry.status !== 'present';
}
