// Parsing: the document is cut into chunks at top-level ATX headings (outside fences,
// HTML comments and HTML blocks), each chunk is parsed with remark and reduced to a small
// summary of blocks. Summaries are cached by chunk text, so after an edit only the chunk
// the edit touched is parsed again: this is what keeps re-linting on every keystroke cheap.
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import { combineExtensions } from 'micromark-util-combine-extensions';
import type { Extension } from 'micromark-util-types';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import remarkFrontmatter from 'remark-frontmatter';
import type { Nodes, Parents, Root, RootContent, PhrasingContent } from 'mdast';
import { countWords, measureBlock } from './textMeasures';

export type BlockKind = 'paragraph' | 'list-item' | 'table-row' | 'code' | 'mermaid' | 'image' | 'blockquote' | 'html' | 'math';

export interface HeadingItem {
  kind: 'heading';
  style: 'atx' | 'setext';
  level: number;
  title: string;
  line: number;
  endLine: number;
  startCol: number;
  endCol: number;
}

/** A bold line or a short list item that may be a heading in disguise; only a vocabulary match makes it a section. */
export interface PseudoHeadingItem {
  kind: 'pseudo';
  style: 'bold' | 'list-item';
  title: string;
  line: number;
  startCol: number;
  endCol: number;
}

export interface ContentItem {
  kind: 'content';
  block: BlockKind;
  line: number;
  endLine: number;
  /** Rendered text (HTML comments dropped). For code and mermaid: the source. */
  text: string;
  /** Language of a fenced code block. */
  lang?: string;
  /** First line of code inside a fence (after the opening fence). */
  codeStartLine?: number;
  /** Computed once, when the chunk is summarised, and cached with it. */
  words?: number;
  placeholder?: boolean;
}

export interface CommentItem {
  kind: 'comment';
  line: number;
  value: string;
}

export type Item = HeadingItem | PseudoHeadingItem | ContentItem | CommentItem;

export interface ChunkSummary {
  items: Item[];
  /** Why some constructs of this chunk were not parsed (see parseLimitsHit); absent for real documents. */
  parseLimits?: string[];
}

export interface Chunk {
  /** Zero-based line where the chunk starts in the document. */
  startLine: number;
  text: string;
}

const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
// HTML block start conditions 6 and 7 of CommonMark, which run until a blank line (7 approximately).
const HTML_BLOCK_START = /^ {0,3}<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[\s/>]|$)/i;
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
 * the lines before it were in: micromark's cost per closed container grows with the chunk, so a
 * 10,000-item list in one chunk takes seconds. Real sections stay whole.
 */
export const LIST_CUT_MIN_LINES = 40;
/**
 * Calls `visit(start, end, next)` for every line: `start`/`end` bound the line's text and `next` is
 * where the next line starts. `\r\n`, `\n` and a lone `\r` each end a line, as in remark and LSP.
 */
export function forEachLine(text: string, visit: (start: number, end: number, next: number) => void): void {
  const length = text.length;
  let nextLf = text.indexOf('\n');
  let nextCr = text.indexOf('\r');
  let pos = 0;
  while (pos < length) {
    if (nextLf !== -1 && nextLf < pos) nextLf = text.indexOf('\n', pos);
    if (nextCr !== -1 && nextCr < pos) nextCr = text.indexOf('\r', pos);
    let end = nextLf === -1 ? length : nextLf;
    if (nextCr !== -1 && nextCr < end) end = nextCr;
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
 * setext heading, so 12,000 `Title\n---` headings in one chunk took 50 s.
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
      const lt = raw.charCodeAt(raw.length - raw.trimStart().length) === 60 && /^ {0,3}</.test(raw);
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

// GFM's extensions roughly double the parse time of plain CommonMark (a table chunk takes three times
// as long with them), and most chunks of a doc use none of them. Each GFM construct needs a character
// sequence that cannot occur otherwise, and each is inert without it, so a chunk is parsed with just
// the constructs whose sequence it contains and gives the same tree as with all of GFM
// (test/unit/parse.test.ts checks this on every Markdown file in the repo and on random text).
interface MarkdownParser {
  parse(text: string): Root;
}

/** remark-gfm's constructs, in remark-gfm's order, each with the test that says a text may use it. */
const GFM_FEATURES: { name: string; syntax: () => Extension; fromMarkdown: () => FromMarkdownExtension; mayOccur: (text: string) => boolean }[] = [
  { name: 'autolink literal', syntax: gfmAutolinkLiteral, fromMarkdown: gfmAutolinkLiteralFromMarkdown, mayOccur: mayHaveAutolinkLiteral },
  { name: 'footnote', syntax: gfmFootnote, fromMarkdown: gfmFootnoteFromMarkdown, mayOccur: (text) => text.includes('[^') },
  { name: 'strikethrough', syntax: gfmStrikethrough, fromMarkdown: gfmStrikethroughFromMarkdown, mayOccur: (text) => text.includes('~') },
  // A one-column table needs no pipe when its delimiter row has an alignment colon (`a` over `:--`).
  { name: 'table', syntax: gfmTable, fromMarkdown: gfmTableFromMarkdown, mayOccur: (text) => text.includes('|') || text.includes(':-') || text.includes('-:') },
  { name: 'task list item', syntax: gfmTaskListItem, fromMarkdown: gfmTaskListItemFromMarkdown, mayOccur: (text) => /\[[ \t\r\nxX]\]/.test(text) },
];

/** Bit i set: the text may use GFM_FEATURES[i]. */
export function gfmFeaturesOf(text: string): number {
  let features = 0;
  GFM_FEATURES.forEach((feature, bit) => {
    if (feature.mayOccur(text)) features |= 1 << bit;
  });
  return features;
}

function selectedGfmFeatures(features: number): typeof GFM_FEATURES {
  return GFM_FEATURES.filter((_, bit) => features & (1 << bit));
}

/** Names of the GFM constructs in a feature set, so tests can say which ones a text gets. */
export function gfmFeatureNames(features: number): string[] {
  return selectedGfmFeatures(features).map((feature) => feature.name);
}

const processors = new Map<string, MarkdownParser>();

/** remark with front matter, some GFM constructs, and some micromark constructs switched off (parse limits below); memoised. */
function markdownProcessor(gfmFeatures: number, disabled: readonly string[] = []): MarkdownParser {
  const key = `${gfmFeatures}:${disabled.join(',')}`;
  let processor = processors.get(key);
  if (!processor) {
    const selected = selectedGfmFeatures(gfmFeatures);
    processor = unified()
      .use(remarkParse)
      .use(function (this: Processor) {
        if (!selected.length) return;
        const data = this.data();
        // One combined extension, as remark-gfm adds it, so construct order is the same as with all of GFM.
        (data.micromarkExtensions ??= []).push(combineExtensions(selected.map((feature) => feature.syntax())));
        (data.fromMarkdownExtensions ??= []).push(selected.map((feature) => feature.fromMarkdown()));
      })
      .use(remarkFrontmatter, ['yaml', 'toml'])
      .use(function (this: Processor) {
        if (disabled.length) (this.data().micromarkExtensions ??= []).push({ disable: { null: [...disabled] } });
      });
    processors.set(key, processor);
  }
  return processor;
}

/**
 * remark finds autolink literals in the decoded text of the tree, after backslash escapes and
 * character references are resolved (`www\.x` and `www&#46;x` are links too), so the test ignores
 * backslashes and gives up on any character reference.
 */
function mayHaveAutolinkLiteral(text: string): boolean {
  if (/&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(text)) return true;
  const unescaped = text.includes('\\') ? text.replace(/\\/g, '') : text;
  return /www\.|https?:\/\//i.test(unescaped) || /@[\w.-]*\.[\w-]/.test(unescaped);
}

// --- Guard against input that makes micromark's cost explode --------------------------------------
// A list nested 400 levels deep takes ~2 s to parse and 2,000 levels over a minute; 20,000
// emphasis or strikethrough delimiters in one paragraph ~5 s; 40,000 unclosed `[a](` ~10 s; a table
// of 100,000 cells ~5 s.
// Past these limits (far beyond any real document) the construct is switched off for that
// chunk, so its text is still read, as paragraphs, and the server stays responsive.

/** Leading indentation (in columns) or quote markers past which a chunk's lists and quotes are not parsed. */
export const MAX_CONTAINER_INDENT = 256;
export const MAX_QUOTE_DEPTH = 100;
/** List and quote markers on one line (`- - - x`, `> 1. > x`) past which the same happens. */
export const MAX_CONTAINER_DEPTH = 100;
/**
 * Lines of only `=` or `-` in one chunk past which setext headings are not parsed. micromark copies
 * every event of the chunk for each setext heading; splitChunks cuts after those at the top level,
 * so only underlines inside a container (`> Title` over `> ---`) can pile up in one chunk.
 */
export const MAX_SETEXT_UNDERLINES = 100;
/** `*` and `_` (or `~`, or `[`) in one blank-line-separated block past which emphasis (or strikethrough, or links) are not parsed. */
export const MAX_DELIMITERS_PER_BLOCK = 5000;
/**
 * `[` open at once in one block (not yet closed by a `]`) past which links and images are not parsed:
 * micromark looks back over every open label start at each `]`, so 2,000 nested `![` took 9 s.
 */
export const MAX_OPEN_BRACKETS = 200;
/**
 * Characters that may open an inline construct (`` ` `` `<` `&` `\\` `*` `_` `~` `[` `]` `!`) in one
 * blank-line-separated block past which no inline construct is parsed in the chunk: micromark merges
 * the data runs around every failed attempt by splicing the paragraph's event list, so a megabyte
 * paragraph dense with them took 30 s. Its text is still read, as text.
 */
export const MAX_INLINE_MARKS_PER_BLOCK = 20_000;
/** micromark's inline (text) constructs, CommonMark's and GFM's. */
const INLINE_CONSTRUCTS = [
  'attention', 'autolink', 'characterEscape', 'characterReference', 'codeText', 'hardBreakEscape', 'htmlText',
  'labelStartLink', 'labelStartImage', 'labelEnd', 'strikethrough', 'gfmFootnoteCall', 'gfmPotentialFootnoteCall',
  'wwwAutolink', 'protocolAutolink', 'emailAutolink',
];
/** Character codes counted against MAX_INLINE_MARKS_PER_BLOCK. */
const INLINE_MARKS = new Set([...'`<&\\*_~[]!'].map((char) => char.charCodeAt(0)));
/** Pipes in one chunk past which tables are not parsed. */
export const MAX_TABLE_PIPES = 20000;

export interface ParseLimitHit {
  /** micromark construct names switched off. */
  constructs: string[];
  /** What the writer is told. */
  reason: string;
}

/** Which costly constructs to switch off in this chunk, and why; empty for every real document. */
/** Delimiters that are costly in bulk in one paragraph, the constructs they drive, and what the writer is told. */
const COSTLY_DELIMITERS: { chars: string; constructs: string[]; reason: string }[] = [
  { chars: '*_', constructs: ['attention'], reason: '* or _ in one paragraph, so emphasis was not parsed' },
  { chars: '~', constructs: ['strikethrough'], reason: '~ in one paragraph, so strikethrough was not parsed' },
  { chars: '[', constructs: ['labelStartLink', 'labelStartImage', 'labelEnd'], reason: '[ in one paragraph, so links were read as plain text' },
];
/** Character code -> index in COSTLY_DELIMITERS. */
const DELIMITER_KIND = new Map(COSTLY_DELIMITERS.flatMap(({ chars }, kind) => [...chars].map((char) => [char.charCodeAt(0), kind] as const)));

/** Which costly constructs to switch off in this chunk, and why; empty for every real document. */
export function parseLimitsHit(text: string): ParseLimitHit[] {
  let maxIndent = 0;
  let maxQuotes = 0;
  let maxDepth = 0;
  let underlines = 0;
  let openBrackets = 0;
  let maxOpenBrackets = 0;
  let pipes = 0;
  let linePipes = 0;
  // Per delimiter kind: count on this line, in the current paragraph-like block, and the most in one
  // block. A table row's cells are parsed one by one, so a line with a pipe counts on its own (a
  // 2,000-row table with bold cells is fine).
  const onLine = COSTLY_DELIMITERS.map(() => 0);
  // The same for any inline mark and for characters, all kinds together.
  let marksOnLine = 0;
  let marksInBlock = 0;
  let mostMarks = 0;
  const inBlock = COSTLY_DELIMITERS.map(() => 0);
  const most = COSTLY_DELIMITERS.map(() => 0);
  // The line's container prefix: indentation (columns), quote markers, and list markers, which
  // nest just as deep on one line (`- - - x`, `> 1. > x`) as on many.
  let atLineStart = true;
  let indent = 0;
  let quotes = 0;
  let depth = 0;
  let lineBlank = true;
  // Setext underline after the quote prefix: 0 not yet seen, 1 in the run of = or -, 2 in trailing blanks, -1 not one.
  let underline = 0;
  let underlineChar = 0;
  const endLine = () => {
    if (lineBlank) marksInBlock = 0;
    else mostMarks = Math.max(mostMarks, linePipes ? marksOnLine : (marksInBlock += marksOnLine));
    marksOnLine = 0;
    for (let kind = 0; kind < onLine.length; kind++) {
      if (lineBlank) inBlock[kind] = 0;
      else if (linePipes) most[kind] = Math.max(most[kind]!, onLine[kind]!);
      else most[kind] = Math.max(most[kind]!, (inBlock[kind]! += onLine[kind]!));
      onLine[kind] = 0;
    }
    if (lineBlank) openBrackets = 0;
    if (underline > 0) underlines++;
    pipes += linePipes;
    linePipes = indent = quotes = depth = underline = 0;
    atLineStart = lineBlank = true;
  };
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    // \r\n, \n and a lone \r end a line, as in remark.
    if (code === 10 || code === 13) {
      if (code === 13 && text.charCodeAt(i + 1) === 10) i++;
      endLine();
      continue;
    }
    if (atLineStart) {
      if (code === 32) indent++;
      else if (code === 9) indent += 4 - (indent % 4);
      else if (code === 62) {
        quotes++;
        depth++;
        indent++;
      } else if ((code === 45 || code === 43 || code === 42) && isMarkerEnd(text.charCodeAt(i + 1))) {
        // - + * followed by a blank: a list item marker.
        depth++;
        indent++;
      } else if (code >= 48 && code <= 57) {
        let end = i;
        while (end < length && end - i < 9 && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
        const delimiter = text.charCodeAt(end);
        if ((delimiter === 46 || delimiter === 41) && isMarkerEnd(text.charCodeAt(end + 1))) {
          depth++;
          indent += end + 1 - i;
          i = end;
        } else atLineStart = false;
      } else atLineStart = false;
      if (indent > maxIndent) maxIndent = indent;
      if (quotes > maxQuotes) maxQuotes = quotes;
      if (depth > maxDepth) maxDepth = depth;
    }
    if (underline === 0) {
      if (code === 61 || code === 45) {
        underline = 1;
        underlineChar = code;
      } else if (code !== 32 && code !== 9 && code !== 62) underline = -1;
    } else if (underline === 1) {
      if (code === 32 || code === 9) underline = 2;
      else if (code !== underlineChar) underline = -1;
    } else if (underline === 2 && code !== 32 && code !== 9) underline = -1;
    if (code !== 32 && code !== 9) lineBlank = false;
    if (code === 124) linePipes++;
    else {
      const kind = DELIMITER_KIND.get(code);
      if (kind !== undefined) onLine[kind]!++;
      if (INLINE_MARKS.has(code)) marksOnLine++;
      if (code === 91) {
        if (++openBrackets > maxOpenBrackets) maxOpenBrackets = openBrackets;
      } else if (code === 93 && openBrackets > 0) openBrackets--;
    }
  }
  endLine();
  const hits: ParseLimitHit[] = [];
  if (maxIndent > MAX_CONTAINER_INDENT || maxQuotes > MAX_QUOTE_DEPTH || maxDepth > MAX_CONTAINER_DEPTH) {
    const why = maxQuotes > MAX_QUOTE_DEPTH ? `${MAX_QUOTE_DEPTH} quote levels` : maxDepth > MAX_CONTAINER_DEPTH ? `${MAX_CONTAINER_DEPTH} lists and quotes` : `${MAX_CONTAINER_INDENT} columns`;
    hits.push({ constructs: ['list', 'blockQuote', 'codeIndented'], reason: `nested more than ${why} deep, so its lists and quotes were read as plain paragraphs` });
  }
  const inlineOff = mostMarks > MAX_INLINE_MARKS_PER_BLOCK;
  if (inlineOff) {
    hits.push({
      constructs: INLINE_CONSTRUCTS,
      reason: `over ${MAX_INLINE_MARKS_PER_BLOCK.toLocaleString('en-US')} of \` < & \\ * _ ~ [ ] ! in one paragraph, so its emphasis, strikethrough, links and code spans were read as plain text`,
    });
  }
  if (!inlineOff) COSTLY_DELIMITERS.forEach(({ constructs, reason }, kind) => {
    if (most[kind]! > MAX_DELIMITERS_PER_BLOCK) hits.push({ constructs, reason: `over ${MAX_DELIMITERS_PER_BLOCK.toLocaleString('en-US')} ${reason}` });
  });
  if (!inlineOff && maxOpenBrackets > MAX_OPEN_BRACKETS && most[DELIMITER_KIND.get(91)!]! <= MAX_DELIMITERS_PER_BLOCK) {
    hits.push({ constructs: ['labelStartLink', 'labelStartImage', 'labelEnd'], reason: `over ${MAX_OPEN_BRACKETS} [ open at once in one paragraph, so links were read as plain text` });
  }
  if (pipes > MAX_TABLE_PIPES) hits.push({ constructs: ['table'], reason: `over ${MAX_TABLE_PIPES.toLocaleString('en-US')} table cells, so tables were read as plain paragraphs` });
  if (underlines > MAX_SETEXT_UNDERLINES) {
    hits.push({ constructs: ['setextUnderline'], reason: `over ${MAX_SETEXT_UNDERLINES} lines of only = or - in one section, so they were not read as setext heading underlines` });
  }
  return hits;
}

/** After a list marker: a space, a tab or the end of the line. */
function isMarkerEnd(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || Number.isNaN(code);
}

/** Parses one chunk with the GFM constructs it may use, and within the limits above. */
export function parseChunk(text: string, limits: ParseLimitHit[] = parseLimitsHit(text)): Root {
  return markdownProcessor(gfmFeaturesOf(text), limits.flatMap((hit) => hit.constructs)).parse(text);
}

/** Plain text of inline content, without raw HTML (so text inside inline comments does not count). */
export function inlineText(nodes: readonly Nodes[]): string {
  let out = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        out += node.value;
        break;
      case 'html':
        break;
      case 'break':
        out += ' ';
        break;
      case 'image':
        out += node.alt ?? '';
        break;
      default:
        if ('children' in node) out += inlineText(node.children as Nodes[]);
    }
  }
  return out;
}

function lineOf(node: Nodes): number {
  return (node.position?.start.line ?? 1) - 1;
}
function endLineOf(node: Nodes): number {
  return (node.position?.end.line ?? 1) - 1;
}

const MAX_PSEUDO_WORDS = 10;


/** `**Title**` or `**Title**:` alone in a paragraph. */
function boldLineTitle(children: PhrasingContent[]): string | undefined {
  const meaningful = children.filter((c) => !(c.type === 'text' && /^[\s:.\-–—]*$/.test(c.value)) && c.type !== 'break');
  if (meaningful.length !== 1) return undefined;
  const only = meaningful[0];
  if (only.type !== 'strong' && only.type !== 'emphasis') return undefined;
  const title = inlineText(only.children).trim();
  return title && countWords(title) <= MAX_PSEUDO_WORDS && !/\?["'”’]?$/.test(title) ? title : undefined;
}

/** A list item that opens with a bold lead (`1. **Monitoring**: …`) or is a short title-like line (`1. Requirements`). */
function listItemTitle(first: PhrasingContent[], ordered: boolean): string | undefined {
  const lead = first[0];
  if (lead && lead.type === 'strong') {
    const title = inlineText(lead.children).replace(/[:.\s]+$/, '').trim();
    // A question in bold ("How do you handle retraining?") is an interview prompt, not a section.
    return title && countWords(title) <= MAX_PSEUDO_WORDS && !/\?["'”’]?$/.test(title) ? title : undefined;
  }
  if (!ordered) return undefined;
  const text = inlineText(first).trim();
  if (!text || countWords(text) > 6 || /[.!?,;]$/.test(text.replace(/:$/, ''))) return undefined;
  if (first.some((c) => c.type === 'link' || c.type === 'inlineCode')) return undefined;
  return text.replace(/[:\s]+$/, '');
}

/**
 * A content item with its measures in the one literal: adding them afterwards (Object.assign) gave
 * every cached item a second property store, 1.2 MB of a 9.8 MB cache with 200 docs open.
 */
function contentItem(block: BlockKind, line: number, endLine: number, text: string, code?: { lang: string; codeStartLine: number }): ContentItem {
  const { words, placeholder } = measureBlock(block, text);
  return code ? { kind: 'content', block, line, endLine, text, lang: code.lang, codeStartLine: code.codeStartLine, words, placeholder } : { kind: 'content', block, line, endLine, text, words, placeholder };
}

function summarise(root: Root): ChunkSummary {
  const items: Item[] = [];

  const visit = (node: RootContent, inList: boolean): void => {
    switch (node.type) {
      case 'yaml':
        // Front matter is metadata, not content (designDocMarker.ts reads the mlsd flag).
        return;
      case 'heading': {
        const startLine = lineOf(node);
        const endLine = endLineOf(node);
        items.push({
          kind: 'heading',
          style: endLine > startLine ? 'setext' : 'atx',
          level: node.depth,
          title: inlineText(node.children).trim(),
          line: startLine,
          endLine,
          startCol: (node.position?.start.column ?? 1) - 1,
          endCol: (node.position?.end.column ?? 1) - 1,
        });
        return;
      }
      case 'paragraph': {
        const title = inList ? undefined : boldLineTitle(node.children);
        if (title) {
          items.push({ kind: 'pseudo', style: 'bold', title, line: lineOf(node), startCol: (node.position?.start.column ?? 1) - 1, endCol: (node.position?.end.column ?? 1) - 1 });
          return;
        }
        const onlyImages = node.children.every((c) => c.type === 'image' || (c.type === 'text' && !c.value.trim()) || c.type === 'break');
        for (const c of node.children) if (c.type === 'html') items.push({ kind: 'comment', line: lineOf(c), value: c.value });
        items.push(contentItem(onlyImages ? 'image' : 'paragraph', lineOf(node), endLineOf(node), inlineText(node.children)));
        return;
      }
      case 'list':
        for (const item of node.children) {
          const [first, ...rest] = item.children;
          if (first && first.type === 'paragraph') {
            const title = listItemTitle(first.children, node.ordered === true);
            if (title) {
              items.push({ kind: 'pseudo', style: 'list-item', title, line: lineOf(first), startCol: (item.position?.start.column ?? 1) - 1, endCol: (first.position?.end.column ?? 1) - 1 });
              const lead = first.children[0];
              const remainder = lead && lead.type === 'strong' ? inlineText(first.children.slice(1)).replace(/^[\s:.\-–—]+/, '') : '';
              if (remainder.trim()) items.push(contentItem('list-item', lineOf(first), endLineOf(first), remainder));
            } else {
              for (const c of first.children) if (c.type === 'html') items.push({ kind: 'comment', line: lineOf(c), value: c.value });
              // A task-list box ("- [x] Business context described") keeps its marker: a ticked criterion is a prompt, not an answer.
              const box = typeof item.checked === 'boolean' ? (item.checked ? '[x] ' : '[ ] ') : '';
              items.push(contentItem('list-item', lineOf(first), endLineOf(first), box + inlineText(first.children)));
            }
            for (const child of rest) visit(child, true);
          } else {
            for (const child of item.children) visit(child, true);
          }
        }
        return;
      case 'table':
        for (const row of node.children) {
          items.push(contentItem('table-row', lineOf(row), endLineOf(row), row.children.map((cell) => inlineText(cell.children)).join(' | ')));
        }
        return;
      case 'code': {
        const lang = (node.lang ?? '').toLowerCase();
        const startLine = lineOf(node);
        items.push(contentItem(lang === 'mermaid' ? 'mermaid' : 'code', startLine, endLineOf(node), node.value, { lang, codeStartLine: startLine + 1 }));
        return;
      }
      case 'html': {
        if (/^\s*<!--/.test(node.value)) {
          items.push({ kind: 'comment', line: lineOf(node), value: node.value });
        } else {
          const text = node.value.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, ' ').trim();
          if (text) items.push(contentItem('html', lineOf(node), endLineOf(node), text));
        }
        return;
      }
      case 'blockquote':
        for (const child of node.children) visit(child, inList);
        return;
      case 'definition':
      case 'footnoteDefinition':
      case 'thematicBreak':
        return;
      default:
        // toml front matter and other extension nodes: only their children (if any) matter.
        if ('children' in node) for (const child of (node as Parents).children) visit(child as RootContent, inList);
    }
  };

  for (const node of root.children) visit(node, false);
  return { items };
}

/**
 * The same characters in a string of their own. V8 makes a substring a view into its parent, so a
 * chunk cached under (or summarised from) a slice of the document would keep that whole version
 * of the document alive: one more copy of a big document per keystroke, until the entry is evicted.
 */
export function detachedCopy(text: string): string {
  // Concatenation makes a new string, flattened (copied) by the slice; the slice then points into the copy.
  return (' ' + text).slice(1);
}

/** Bounded cache of chunk summaries keyed by chunk text; shared by every document an engine lints. */
export class ChunkCache {
  /** Keyed by a detached copy of the chunk text, which the entry keeps (see detachedCopy). */
  private readonly entries = new Map<string, { text: string; summary: ChunkSummary }>();
  hits = 0;
  misses = 0;
  /** Told about every mermaid diagram of each summary handed out (set by the engine while it lints). */
  onMermaidDiagram: ((source: string) => void) | undefined;
  constructor(private readonly maxEntries = 20000) {}

  summary(text: string): ChunkSummary {
    let entry = this.entries.get(text);
    if (entry) {
      this.hits++;
      // Refresh recency (Map iteration order is insertion order) under the entry's own key, not the
      // caller's string, which may be a slice of the whole document.
      this.entries.delete(text);
      this.entries.set(entry.text, entry);
    } else {
      this.misses++;
      // Parsed from the copy too: the summary's texts are slices of what was parsed.
      const own = detachedCopy(text);
      const limits = parseLimitsHit(own);
      const summary = summarise(parseChunk(own, limits));
      if (limits.length) summary.parseLimits = limits.map((hit) => hit.reason);
      entry = { text: own, summary };
      this.entries.set(own, entry);
      if (this.entries.size > this.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
    }
    const { summary } = entry;
    if (this.onMermaidDiagram) for (const item of summary.items) if (item.kind === 'content' && item.block === 'mermaid') this.onMermaidDiagram(item.text);
    return summary;
  }

  clear(): void {
    this.entries.clear();
  }
}
