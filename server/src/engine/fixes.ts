// Text edits shared by rules (building fixes) and by the CLI and server (applying them).
import type { Coverage, DesignDoc, Finding, Fix, Position, Section, Rubric, TextEdit } from './types';
import { computeLineStarts, lineText } from './markdownLines';
import { getFragment, type FragmentName } from './templateFragments';
import { closesFence, fenceOpenedBy, walkFences, type Fence } from './markdownLines';

export function offsetAt(doc: { text: string; lineStarts: number[] }, pos: Position): number {
  const start = doc.lineStarts[pos.line];
  if (start === undefined) return doc.text.length;
  return Math.min(start + pos.character, doc.text.length);
}

/** The line ending most of the text uses (CRLF, LF or a lone CR): what is inserted into it uses the same. */
export function dominantLineEnding(text: string): '\n' | '\r\n' | '\r' {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 10) lf++;
    else if (code === 13) {
      if (text.charCodeAt(at + 1) === 10) {
        crlf++;
        at++;
      } else cr++;
    }
  }
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}

/**
 * Applies non-overlapping edits (insertions at one position keep their given order). Inserted text
 * is written with the document's own line ending (edits are built with LF).
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const doc = { text, lineStarts: computeLineStarts(text) };
  const eol = dominantLineEnding(text);
  const withEol = (newText: string) => (eol === '\n' ? newText : newText.replace(/\r?\n/g, eol));
  const resolved = edits
    .map((edit, order) => ({ start: offsetAt(doc, edit.range.start), end: offsetAt(doc, edit.range.end), newText: withEol(edit.newText), order }))
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

/**
 * Order of inserted text that lands at one point: by the rubric step it belongs to, then (for a
 * fragment within a step) by the fragment's place in a written step: metrics before the discussion of
 * their gap, the architecture before its latency budget. A step's own new section comes before its
 * fragments. Steps the rubric lacks go last.
 */
export function insertionOrder(rubric: Rubric, stepId: string, fragment?: FragmentName): number {
  const index = rubric.steps.findIndex((step) => step.id === stepId);
  return (index < 0 ? rubric.steps.length : index) * 100 + (fragment === undefined ? 0 : 1 + FRAGMENT_PLACE.indexOf(fragment));
}

/** Template fragments in the order they are written within their step. */
const FRAGMENT_PLACE: readonly FragmentName[] = ['metrics-table', 'metric-gap', 'two-stage-diagram', 'latency-budget-table'];

/**
 * The edits of every finding's preferred (or only) fix, without overlaps: what "fix all" applies.
 * Sorted by position, insertions at one point by their fix's order (LSP and applyEdits keep the
 * order of insertions at one position).
 */
export function collectAutoFixes(findings: readonly Finding[]): TextEdit[] {
  const edits: { edit: TextEdit; order: number }[] = [];
  const taken: { start: Position; end: Position }[] = [];
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);
  for (const finding of findings) {
    // Only a preferred fix is applied unattended: the others need the writer's judgment (remove a placeholder, insert prompts).
    const fix = finding.fixes?.find((f) => f.isPreferred);
    if (!fix) continue;
    // A replacement that overlaps another one is left for the next run; pure insertions never overlap.
    const overlaps = fix.edits.some((e) => taken.some((t) => before(e.range.start, t.end) && before(t.start, e.range.end)));
    if (overlaps) continue;
    for (const e of fix.edits) {
      edits.push({ edit: e, order: fix.order ?? Number.MAX_SAFE_INTEGER });
      if (before(e.range.start, e.range.end)) taken.push(e.range);
    }
  }
  const position = (a: Position, b: Position) => a.line - b.line || a.character - b.character;
  // Array.prototype.sort is stable: edits of equal position and order keep the findings' order.
  return edits.sort((a, b) => position(a.edit.range.start, b.edit.range.start) || a.order - b.order).map(({ edit }) => edit);
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

/** Shifts the headings of a piece of Markdown (a template fragment, a skeleton) so its top level becomes `level`. */
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

/** Where a new section for `stepId` belongs: before the next step present in rubric order, else after the previous one, else at the end. */
export function stepInsertionPoint(doc: DesignDoc, rubric: Rubric, coverage: Coverage, stepId: string): Position {
  const order = rubric.steps.map((s) => s.id);
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

/**
 * Where text appended to the document goes: its end, or, when the document ends inside an unclosed
 * fenced code block or HTML comment, the start of that construct's first line (appended text would be
 * code or comment there: it would never count, and the next fix would insert it again).
 */
export function endOfDocument(doc: DesignDoc): Position {
  const open = openConstructAtEnd(doc);
  if (open !== undefined) return { line: open, character: 0 };
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

/** Template fragments (templateFragments.ts) are written for a `###` subsection of a step. */
const FRAGMENT_LEVEL = 3;

/**
 * A fix inserting a template fragment at the end of a section (the document's end when there is
 * none), its headings one level below that section's.
 */
export function insertFragmentFix(doc: DesignDoc, rubric: Rubric, stepId: string, section: Section | undefined, fragment: FragmentName, title: string, isPreferred = true): Fix {
  const at = section ? endOfSection(doc, section) : endOfDocument(doc);
  const text = shiftHeadings(getFragment(fragment), FRAGMENT_LEVEL, Math.min(6, (section?.level ?? 1) + 1));
  return { title, isPreferred, order: insertionOrder(rubric, stepId, fragment), edits: [{ range: { start: at, end: at }, newText: insertionText(doc, at, text) }] };
}

// ---------------------------------------------------------------------------------------------
// Text from a config file. A repository's own .mlsdrc can name sections, summaries and skeletons
// that a fix inserts; that text must stay what it says it is (one line of text, or the body of
// one section) and never become other Markdown structure, lines of something else, or control
// comments that silence the checks.

/** Line breaks (all of them: CR, LF, NEL, LS, PS) and other control characters. */
const CONTROL_OR_BREAK = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** One line of plain text: every line break and control character becomes a space, runs of blanks one. */
export function configTextAsLine(text: string): string {
  return text
    .replace(CONTROL_OR_BREAK, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/**
 * Config text as one line of Markdown that renders as itself: no line breaks, and every character
 * that could start markup or structure (emphasis, code, links, HTML and comments, headings, tables,
 * entities) backslash-escaped. Parsed back, the text is the same.
 */
export function configTextAsInlineMarkdown(text: string): string {
  return configTextAsLine(text)
    .replace(/[\\`*_[\]<>#|~]/g, (character) => `\\${character}`)
    .replace(/&(?=#?\w+;)/g, '\\&');
}

/**
 * A custom rubric's skeleton as the body of one section at `stepLevel`: its headings below the
 * step's heading, setext underlines and link reference definitions neutralised, control comments
 * (`<!-- mlsd-… -->`) disarmed, and fences, HTML comments and raw HTML blocks closed at its end, so
 * nothing in it reaches into the rest of the document.
 */
export function configSkeletonAsSection(skeleton: string, stepLevel: number): string {
  const lines = skeleton
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u0084\u0086-\u009f]/g, '')
    .split('\n');
  const out: string[] = [];
  let fence: Fence | undefined;
  /** The text that ends the raw HTML block the skeleton is in (comment, script, ...), if any. */
  let htmlEnd: RegExp | undefined;
  const subLevel = stepLevel + 1;
  for (const raw of lines) {
    let line = raw;
    if (fence) {
      out.push(line);
      if (closesFence(line, fence)) fence = undefined;
      continue;
    }
    const opened = fenceOpenedBy(line);
    line = line.replace(/<!--(\s*\/?\s*mlsd-)/gi, '&lt;!--$1');
    if (htmlEnd) {
      out.push(line);
      if (htmlEnd.test(line)) htmlEnd = undefined;
      continue;
    }
    if (opened) {
      fence = opened;
      out.push(line);
      continue;
    }
    const previous = out.length > 0 ? out[out.length - 1]! : '';
    const heading = /^ {0,3}(#{1,6})([ \t].*|)$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      if (level <= stepLevel) line = subLevel <= 6 ? `${'#'.repeat(subLevel)}${heading[2]}` : `\\${line.trimStart()}`;
    } else if (/^ {0,3}=+[ \t]*$/.test(line)) {
      line = `\\${line.trimStart()}`; // would make the line above a level-1 heading
    } else if (/^ {0,3}-+[ \t]*$/.test(line) && previous.trim() !== '') {
      out.push(''); // a thematic break, not a level-2 heading of the line above
    } else if (/^ {0,3}\[[^\]]*\]:/.test(line)) {
      line = `\\${line.trimStart()}`; // a link reference definition would apply to the whole document
    } else {
      htmlEnd = rawHtmlBlockEnd(line);
    }
    out.push(line);
  }
  if (fence) out.push(fence.char.repeat(fence.length));
  if (htmlEnd) out.push(closerFor(htmlEnd));
  let start = 0;
  let end = out.length;
  while (start < end && out[start]!.trim() === '') start++;
  while (end > start && out[end - 1]!.trim() === '') end--;
  return out.slice(start, end).join('\n');
}

function closerFor(end: RegExp): string {
  const source = end.source;
  if (source === '-->') return '-->';
  if (source === '\\?>') return '?>';
  if (source === '\\]\\]>') return ']]>';
  if (source === '>') return '>';
  return source.replace(/\\/g, '');
}

/**
 * The first line of the fenced code block, HTML comment or raw HTML block that ends only at its own
 * closing text (`<script>`, `<pre>`, `<style>`, `<textarea>`, `<?`, `<!X`, `<![CDATA[`) the document
 * ends inside, if it does.
 */
export function openConstructAtEnd(doc: Pick<DesignDoc, 'text' | 'lineStarts' | 'lineCount'>): number | undefined {
  let fence: (Fence & { line: number }) | undefined;
  let html: { end: RegExp; line: number } | undefined;
  for (let line = 0; line < doc.lineCount; line++) {
    const raw = lineText(doc.text, doc.lineStarts, line);
    if (fence) {
      if (closesFence(raw, fence)) fence = undefined;
      continue;
    }
    if (html) {
      if (html.end.test(raw)) html = undefined;
      continue;
    }
    const opened = fenceOpenedBy(raw);
    if (opened) {
      fence = { ...opened, line };
      continue;
    }
    const end = rawHtmlBlockEnd(raw);
    if (end) html = { end, line };
  }
  return fence?.line ?? html?.line;
}

/** For a line that opens a raw HTML block ending only at a closing text (CommonMark types 1-5) not on the same line: that closing text. */
function rawHtmlBlockEnd(line: string): RegExp | undefined {
  const opener = /^ {0,3}<(!--|\?|!\[CDATA\[|![A-Za-z]|(?:script|pre|style|textarea)(?=[\s>]|$))/i.exec(line);
  if (!opener) return undefined;
  const kind = opener[1]!.toLowerCase();
  const end = kind === '!--' ? /-->/ : kind === '?' ? /\?>/ : kind === '![cdata[' ? /\]\]>/ : kind.startsWith('!') ? />/ : new RegExp(`</${kind}>`, 'i');
  return end.test(line.slice(opener[0].length)) ? undefined : end;
}
