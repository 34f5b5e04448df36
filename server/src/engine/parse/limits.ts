// Guard against input that makes micromark's cost explode (deep nesting, huge paragraphs dense with
// delimiters, huge tables; the measured costs are in docs/perf.md). Past these limits, far beyond any
// real document, the construct is switched off for that chunk, so its text is still read, as
// paragraphs, and the server stays responsive.

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
 * micromark looks back over every open label start at each `]`.
 */
export const MAX_OPEN_BRACKETS = 200;
/**
 * Characters that may open an inline construct (`` ` `` `<` `&` `\\` `*` `_` `~` `[` `]` `!`) in one
 * blank-line-separated block past which no inline construct is parsed in the chunk: micromark merges
 * the data runs around every failed attempt by splicing the paragraph's event list. Its text is
 * still read, as text.
 */
export const MAX_INLINE_MARKS_PER_BLOCK = 20_000;
/** micromark's inline (text) constructs, CommonMark's and GFM's. */
const INLINE_CONSTRUCTS = [
  'attention',
  'autolink',
  'characterEscape',
  'characterReference',
  'codeText',
  'hardBreakEscape',
  'htmlText',
  'labelStartLink',
  'labelStartImage',
  'labelEnd',
  'strikethrough',
  'gfmFootnoteCall',
  'gfmPotentialFootnoteCall',
  'wwwAutolink',
  'protocolAutolink',
  'emailAutolink',
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

/** Delimiters that are costly in bulk in one paragraph, the constructs they drive, and what the writer is told. */
const COSTLY_DELIMITERS: { chars: string; constructs: string[]; reason: string }[] = [
  { chars: '*_', constructs: ['attention'], reason: '* or _ in one paragraph, so emphasis was not parsed' },
  { chars: '~', constructs: ['strikethrough'], reason: '~ in one paragraph, so strikethrough was not parsed' },
  { chars: '[', constructs: ['labelStartLink', 'labelStartImage', 'labelEnd'], reason: '[ in one paragraph, so links were read as plain text' },
];
/** Character code -> index in COSTLY_DELIMITERS. */
const DELIMITER_KIND = new Map(COSTLY_DELIMITERS.flatMap(({ chars }, kind) => [...chars].map((char) => [char.charCodeAt(0), kind] as const)));
/**
 * What the scan needs to know of an ASCII character, in one table lookup (every character of every
 * chunk goes through it): bit 0 set for an inline mark, bits 1+ the COSTLY_DELIMITERS index plus one.
 */
const ASCII_CLASS = new Uint8Array(128);
for (const code of INLINE_MARKS) ASCII_CLASS[code]! |= 1;
for (const [code, kind] of DELIMITER_KIND) ASCII_CLASS[code]! |= (kind + 1) << 1;

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
    else if (code < 128) {
      const cls = ASCII_CLASS[code]!;
      if (cls === 0) continue;
      if (cls > 1) onLine[(cls >> 1) - 1]!++;
      if (cls & 1) marksOnLine++;
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
  if (!inlineOff)
    COSTLY_DELIMITERS.forEach(({ constructs, reason }, kind) => {
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
