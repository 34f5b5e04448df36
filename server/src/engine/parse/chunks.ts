// Cutting a document into chunks that parse on their own: at top-level ATX headings, after setext
// headings and thematic breaks, and in long chunks before list items at column 0 (never inside
// fences, HTML comments, HTML blocks or front matter). Each chunk is parsed and cached on its own,
// so an edit re-parses only the chunk it touched.

export interface Chunk {
  /** Zero-based line where the chunk starts in the document. */
  startLine: number;
  text: string;
}

const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
// HTML block start conditions 6 and 7 of CommonMark, which run until a blank line (7 approximately).
const HTML_BLOCK_START =
  /^ {0,3}<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[\s/>]|$)/i;
// HTML block start condition 7: a lone open or closing tag, where no paragraph is open (it cannot interrupt one).
const HTML_TAG_LINE = /^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$/;
// HTML block start conditions 1, 3, 4 and 5, which run until their own end marker, blank lines included.
const HTML_RAW_START: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:pre|script|style|textarea)(?:[\s>]|$)/i, /<\/(?:pre|script|style|textarea)>/i],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
/** A list item at column 0 with content: it closes every container the line before was in. */
const BULLET_ITEM = /^[-+*][ \t]+\S/;
const ORDERED_ITEM = /^\d{1,9}[.)][ \t]+\S/;
const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
const SETEXT_DASHES = /^-+[ \t]*$/;
const SETEXT_EQUALS = /^=+[ \t]*$/;
const THEMATIC_BREAK = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
/**
 * Past this many lines a chunk is also cut before a list item at column 0, which ends whatever
 * the lines before it were in: micromark's cost per closed container grows with the chunk
 * (docs/perf.md). Real sections stay whole.
 */
export const LIST_CUT_MIN_LINES = 40;
/**
 * Calls `visit(start, end, next)` for every line: `start`/`end` bound the line's text and `next` is
 * where the next line starts. `\r\n`, `\n` and a lone `\r` each end a line, as in remark and LSP.
 */
export function forEachLine(text: string, visit: (start: number, end: number, next: number) => void): void {
  const length = text.length;
  let pos = 0;
  while (pos < length) {
    // A plain scan: V8's optimised String.prototype.indexOf with a start position took ~1 s per
    // 50,000 lines here after the first runs (docs/perf.md), where this loop stays linear.
    let end = pos;
    for (let code = text.charCodeAt(end); end < length && code !== 10 && code !== 13; code = text.charCodeAt(++end));
    const next = end < length && text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    visit(pos, end, next);
    pos = next;
  }
}

/**
 * Cuts the text into chunks that parse on their own as they do in the whole document: before every
 * ATX heading CommonMark would see as a heading, after every setext heading and thematic break at
 * the top level, and, in long chunks, before list items at column 0. Fences, HTML comments, HTML
 * blocks and front matter are never cut. The chunks, joined, are the text; a chunk other than the
 * first never starts with `---` or `+++` (see cut).
 *
 * The setext cut is not only for the cache: micromark copies every event of the chunk for each
 * setext heading, so their cost grows with the square of the chunk (docs/perf.md).
 */
export function splitChunks(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let line = 0;
  let chunkStartPos = 0;
  let chunkStartLine = 0;
  let fence: { char: string; length: number } | null = null;
  let inComment = false;
  let inHtmlBlock = false;
  let htmlRawEnd: RegExp | null = null;
  let inFrontMatter = /^---(?:\r\n|\r|\n)/.test(text);
  // What the lines so far leave open, as far as a cheap look can tell: `clean` when nothing is (no
  // container, no paragraph); `topParagraph` when only a paragraph at the top level is, which a
  // setext underline turns into a heading; `inList` when the last line at column 0 was a list item.
  let clean = true;
  let topParagraph = false;
  let inList = false;
  let previousBlank = true;
  let pipeInBlock = false;
  /** The last non-blank line was a setext underline or a thematic break at the top level. */
  let afterBreak = false;
  let uncertainUntilBlank = false;
  /** Where the previous line's ending starts. */
  let previousEnd = -1;
  const cut = (pos: number, raw: string) => {
    // A chunk that starts with `---` or `+++` would be read as front matter (remark-frontmatter looks
    // at the start of the text it is given). Such a chunk starts instead with the line ending before
    // it: its first line is the empty end of the line before, so its line numbers still hold.
    let at = pos;
    let atLine = line;
    if (raw.startsWith('---') || raw.startsWith('+++')) {
      if (previousEnd <= chunkStartPos) return;
      at = previousEnd;
      atLine = line - 1;
    }
    chunks.push({ startLine: chunkStartLine, text: text.slice(chunkStartPos, at) });
    chunkStartPos = at;
    chunkStartLine = atLine;
  };
  forEachLine(text, (pos, end) => {
    const raw = text.slice(pos, end);
    if (inFrontMatter) {
      if (line > 0 && (raw === '---' || raw === '...')) inFrontMatter = false;
    } else if (fence) {
      const close = FENCE_OPEN.exec(raw);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length && raw.trim() === close[1]) fence = null;
    } else if (inComment) {
      if (raw.includes('-->')) inComment = false;
    } else if (htmlRawEnd) {
      if (htmlRawEnd.test(raw)) htmlRawEnd = null;
    } else if (inHtmlBlock) {
      if (raw.trim() === '') inHtmlBlock = false;
    } else {
      const blank = raw.trim() === '';
      const first = raw.charCodeAt(0);
      const column0 = !blank && first !== 32 && first !== 9;
      const open = FENCE_OPEN.exec(raw);
      const mayStartChunk = pos > chunkStartPos;
      let closesAll = false;
      // A list item at column 0 (an ordered one other than 1 cannot interrupt a paragraph).
      const listItem = column0 && (BULLET_ITEM.test(raw) || (ORDERED_ITEM.test(raw) && (previousBlank || inList || clean || /^0*1[.)]/.test(raw))));
      // After a setext heading or a thematic break nothing is open: whatever the line starts, a chunk can start with it.
      if (mayStartChunk && afterBreak && !blank && !uncertainUntilBlank) cut(pos, raw);
      // Every HTML start condition (and the comment) needs `<` after at most three spaces.
      const lt = /^ {0,3}</.test(raw);
      const rawHtml = lt ? HTML_RAW_START.find(([start]) => start.test(raw)) : undefined;
      if (open && !(open[1][0] === '`' && raw.slice(raw.indexOf(open[1]) + open[1].length).includes('`'))) {
        fence = { char: open[1][0], length: open[1].length };
      } else if (lt && /^ {0,3}<!--/.test(raw)) {
        inComment = !raw.slice(raw.indexOf('<!--') + 4).includes('-->');
      } else if (rawHtml) {
        if (!rawHtml[1].test(raw.slice(raw.indexOf('<') + 2))) htmlRawEnd = rawHtml[1];
      } else if (lt && (HTML_BLOCK_START.test(raw) || ((previousBlank || clean) && HTML_TAG_LINE.test(raw)))) {
        inHtmlBlock = true;
      } else if (lt && HTML_TAG_LINE.test(raw)) {
        // An HTML block unless a paragraph is open, which this look cannot always tell: no cuts until the next blank line.
        uncertainUntilBlank = true;
      } else if (ATX_HEADING.test(raw)) {
        if (pos > chunkStartPos) cut(pos, raw);
        closesAll = column0;
      } else if (listItem && mayStartChunk && !uncertainUntilBlank && line - chunkStartLine >= LIST_CUT_MIN_LINES) {
        cut(pos, raw);
      }
      if (!blank) afterBreak = false;
      if (!fence && !inComment && !inHtmlBlock && !htmlRawEnd) {
        if (raw.includes('|')) pipeInBlock = true;
        if (blank) {
          pipeInBlock = uncertainUntilBlank = false;
          topParagraph = false;
        } else if (column0 && !pipeInBlock && (SETEXT_DASHES.test(raw) ? topParagraph || /^-{3}/.test(raw) : SETEXT_EQUALS.test(raw) ? topParagraph : THEMATIC_BREAK.test(raw))) {
          // A setext underline under a paragraph at the top level, or a thematic break: both end every open block.
          closesAll = true;
        } else if (column0 && (clean || previousBlank || topParagraph) && !LIST_MARKER.test(raw) && !/^[>[<|]/.test(raw)) {
          topParagraph = true;
          clean = false;
        } else {
          topParagraph = false;
          clean = false;
        }
        if (column0) inList = listItem;
        previousBlank = blank;
      } else {
        clean = topParagraph = inList = false;
        previousBlank = false;
      }
      if (closesAll) {
        // After a setext heading or a thematic break the next chunk starts (not after an ATX heading: it starts its own).
        afterBreak = !ATX_HEADING.test(raw);
        clean = true;
        topParagraph = inList = pipeInBlock = false;
      }
    }
    previousEnd = end;
    line++;
  });
  if (chunkStartPos < text.length || chunks.length === 0) chunks.push({ startLine: chunkStartLine, text: text.slice(chunkStartPos) });
  return chunks;
}
