// Text edits shared by rules (building fixes) and by the CLI and server (applying them).
import type { Coverage, DesignDoc, Finding, Fix, Position, Section, Template, TextEdit } from './types';
import { computeLineStarts, lineText } from './model';
import { walkFences } from './skeletons';

export function offsetAt(doc: { text: string; lineStarts: number[] }, pos: Position): number {
  const start = doc.lineStarts[pos.line];
  if (start === undefined) return doc.text.length;
  return Math.min(start + pos.character, doc.text.length);
}

/** Applies non-overlapping edits (insertions at one position keep their given order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const doc = { text, lineStarts: computeLineStarts(text) };
  const resolved = edits
    .map((edit, order) => ({ start: offsetAt(doc, edit.range.start), end: offsetAt(doc, edit.range.end), newText: edit.newText, order }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  let out = '';
  let cursor = 0;
  for (const edit of resolved) {
    if (edit.start < cursor) continue; // overlaps an earlier edit: skipped, never garbles text
    out += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/** The edits of every finding's preferred (or only) fix, without overlaps: what "fix all" applies. */
export function collectAutoFixes(findings: readonly Finding[]): TextEdit[] {
  const edits: TextEdit[] = [];
  const taken: { start: Position; end: Position }[] = [];
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);
  for (const finding of findings) {
    const fix = finding.fixes?.find((f) => f.isPreferred) ?? (finding.fixes?.length === 1 ? finding.fixes[0] : undefined);
    if (!fix) continue;
    // A replacement that overlaps another one is left for the next run; pure insertions never overlap.
    const overlaps = fix.edits.some((e) => taken.some((t) => before(e.range.start, t.end) && before(t.start, e.range.end)));
    if (overlaps) continue;
    for (const e of fix.edits) {
      edits.push(e);
      if (before(e.range.start, e.range.end)) taken.push(e.range);
    }
  }
  return edits;
}

/** Heading level and numbering the doc uses for its step headings, so inserted sections match. */
export function stepHeadingStyle(doc: DesignDoc): { level: number; numbered: boolean } {
  const stepSections = doc.sections.filter((s) => s.steps.length && (s.style === 'atx' || s.style === 'setext'));
  const levels = new Map<number, number>();
  for (const s of stepSections) levels.set(s.level, (levels.get(s.level) ?? 0) + 1);
  let level = 0;
  let best = 0;
  for (const [l, n] of levels) if (n > best || (n === best && l < level)) [level, best] = [l, n];
  // No step heading yet: steps go one level below the title.
  if (!level) level = 2;
  const atLevel = stepSections.filter((s) => s.level === level);
  const numbered = atLevel.length > 0 && atLevel.filter((s) => /^\s*\d+[.)]\s/.test(s.title)).length * 2 >= atLevel.length;
  return { level, numbered };
}

/** Shifts the Markdown headings of a block so its top level becomes `level`. */
export function shiftHeadings(markdown: string, fromLevel: number, toLevel: number): string {
  const delta = toLevel - fromLevel;
  if (!delta) return markdown;
  // Fences by CommonMark's rules (same character, at least as long, to close): a ``` line inside ~~~ is code.
  return Array.from(walkFences(markdown.split('\n')), ({ line, inFence }) =>
    inFence ? line : line.replace(/^(#{1,6})(\s)/, (_m, hashes: string, space: string) => '#'.repeat(Math.max(1, Math.min(6, hashes.length + delta))) + space),
  ).join('\n');
}

function realAncestor(doc: DesignDoc, section: Section): Section {
  let s = section;
  while ((s.style === 'bold' || s.style === 'list-item') && s.parent !== undefined) s = doc.sections[s.parent];
  return s;
}

/** Where a new section for `stepId` belongs: before the next step present in template order, else after the previous one, else at the end. */
export function stepInsertionPoint(doc: DesignDoc, template: Template, coverage: Coverage, stepId: string): Position {
  const order = template.steps.map((s) => s.id);
  const index = order.indexOf(stepId);
  const sectionOf = (id: string): Section | undefined => {
    const entry = coverage[id];
    if (entry?.sectionIndex !== undefined) return doc.sections[entry.sectionIndex];
    return doc.sections.find((s) => s.steps.includes(id));
  };
  for (let i = index + 1; i < order.length; i++) {
    const s = sectionOf(order[i]);
    if (s) return { line: realAncestor(doc, s).headingRange.start.line, character: 0 };
  }
  for (let i = index - 1; i >= 0; i--) {
    const s = sectionOf(order[i]);
    if (s) return endOfSection(doc, realAncestor(doc, s));
  }
  return endOfDocument(doc);
}

export function endOfSection(doc: DesignDoc, section: Section): Position {
  const next = section.range.end.line + 1;
  if (next < doc.lineCount) return { line: next, character: 0 };
  return endOfDocument(doc);
}

export function endOfDocument(doc: DesignDoc): Position {
  const last = doc.lineCount - 1;
  return { line: last, character: lineText(doc.text, doc.lineStarts, last).length };
}

/** Wraps inserted Markdown with the blank lines it needs at `at`. */
export function insertionText(doc: DesignDoc, at: Position, markdown: string): string {
  const body = markdown.replace(/^\n+|\n+$/g, '');
  if (at.character > 0) return `${doc.text.endsWith('\n') ? '' : '\n'}\n${body}\n`;
  const previous = at.line > 0 ? lineText(doc.text, doc.lineStarts, at.line - 1) : '';
  const lead = at.line > 0 && previous.trim() !== '' ? '\n' : '';
  const atEnd = at.line >= doc.lineCount - 1 && lineText(doc.text, doc.lineStarts, at.line) === '';
  return `${lead}${body}\n${atEnd ? '' : '\n'}`;
}

/** Template blocks (skeletons.ts) are written for a `###` subsection of a step. */
const TEMPLATE_BLOCK_LEVEL = 3;

/**
 * A fix inserting a template block at the end of a section (the document's end when there is
 * none), its headings one level below that section's.
 */
export function insertBlockFix(doc: DesignDoc, section: Section | undefined, block: string, title: string, isPreferred = true): Fix {
  const at = section ? endOfSection(doc, section) : endOfDocument(doc);
  const text = shiftHeadings(block, TEMPLATE_BLOCK_LEVEL, Math.min(6, (section?.level ?? 1) + 1));
  return { title, isPreferred, edits: [{ range: { start: at, end: at }, newText: insertionText(doc, at, text) }] };
}
