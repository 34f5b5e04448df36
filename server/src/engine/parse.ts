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
// HTML block start conditions 1 and 6 of CommonMark that run until a blank line (condition 7 too, approximately).
const HTML_BLOCK_START = /^ {0,3}<\/?(?:address|article|aside|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul|pre|script|style|textarea)(?:[\s/>]|$)/i;

/** Cuts the text before every ATX heading that CommonMark would see as a heading. */
export function splitChunks(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let pos = 0;
  let line = 0;
  let chunkStartPos = 0;
  let chunkStartLine = 0;
  let fence: { char: string; length: number } | null = null;
  let inComment = false;
  let inHtmlBlock = false;
  let inFrontMatter = text.startsWith('---\n') || text.startsWith('---\r\n');
  const length = text.length;
  while (pos < length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = length;
    const raw = text.charCodeAt(end - 1) === 13 ? text.slice(pos, end - 1) : text.slice(pos, end);
    if (inFrontMatter) {
      if (line > 0 && (raw === '---' || raw === '...')) inFrontMatter = false;
    } else if (fence) {
      const close = FENCE_OPEN.exec(raw);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length && raw.trim() === close[1]) fence = null;
    } else if (inComment) {
      if (raw.includes('-->')) inComment = false;
    } else if (inHtmlBlock) {
      if (raw.trim() === '') inHtmlBlock = false;
    } else {
      const open = FENCE_OPEN.exec(raw);
      if (open && !(open[1][0] === '`' && raw.slice(raw.indexOf(open[1]) + open[1].length).includes('`'))) {
        fence = { char: open[1][0], length: open[1].length };
      } else if (/^ {0,3}<!--/.test(raw)) {
        inComment = !raw.slice(raw.indexOf('<!--') + 4).includes('-->');
      } else if (HTML_BLOCK_START.test(raw)) {
        inHtmlBlock = true;
      } else if (ATX_HEADING.test(raw) && pos > chunkStartPos) {
        chunks.push({ startLine: chunkStartLine, text: text.slice(chunkStartPos, pos) });
        chunkStartPos = pos;
        chunkStartLine = line;
      }
    }
    pos = end + 1;
    line++;
  }
  if (chunkStartPos < length || chunks.length === 0) chunks.push({ startLine: chunkStartLine, text: text.slice(chunkStartPos) });
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
/** `*` and `_` (or `~`, or `[`) in one blank-line-separated block past which emphasis (or strikethrough, or links) are not parsed. */
export const MAX_DELIMITERS_PER_BLOCK = 5000;
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
  let pipes = 0;
  let linePipes = 0;
  // Per delimiter kind: count on this line, in the current paragraph-like block, and the most in one
  // block. A table row's cells are parsed one by one, so a line with a pipe counts on its own (a
  // 2,000-row table with bold cells is fine).
  const onLine = COSTLY_DELIMITERS.map(() => 0);
  const inBlock = COSTLY_DELIMITERS.map(() => 0);
  const most = COSTLY_DELIMITERS.map(() => 0);
  let atLineStart = true;
  let indent = 0;
  let quotes = 0;
  let lineBlank = true;
  const endLine = () => {
    for (let kind = 0; kind < onLine.length; kind++) {
      if (lineBlank) inBlock[kind] = 0;
      else if (linePipes) most[kind] = Math.max(most[kind]!, onLine[kind]!);
      else most[kind] = Math.max(most[kind]!, (inBlock[kind]! += onLine[kind]!));
      onLine[kind] = 0;
    }
    pipes += linePipes;
    linePipes = indent = quotes = 0;
    atLineStart = lineBlank = true;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      endLine();
      continue;
    }
    if (atLineStart) {
      if (code === 32) indent++;
      else if (code === 9) indent += 4 - (indent % 4);
      else if (code === 62) quotes++;
      else atLineStart = false;
      if (indent > maxIndent) maxIndent = indent;
      if (quotes > maxQuotes) maxQuotes = quotes;
    }
    if (code !== 32 && code !== 9 && code !== 13) lineBlank = false;
    if (code === 124) linePipes++;
    else {
      const kind = DELIMITER_KIND.get(code);
      if (kind !== undefined) onLine[kind]!++;
    }
  }
  endLine();
  const hits: ParseLimitHit[] = [];
  if (maxIndent > MAX_CONTAINER_INDENT || maxQuotes > MAX_QUOTE_DEPTH) {
    hits.push({ constructs: ['list', 'blockQuote', 'codeIndented'], reason: `nested more than ${maxQuotes > MAX_QUOTE_DEPTH ? `${MAX_QUOTE_DEPTH} quote levels` : `${MAX_CONTAINER_INDENT} columns`} deep, so its lists and quotes were read as plain paragraphs` });
  }
  COSTLY_DELIMITERS.forEach(({ constructs, reason }, kind) => {
    if (most[kind]! > MAX_DELIMITERS_PER_BLOCK) hits.push({ constructs, reason: `over ${MAX_DELIMITERS_PER_BLOCK.toLocaleString('en-US')} ${reason}` });
  });
  if (pipes > MAX_TABLE_PIPES) hits.push({ constructs: ['table'], reason: `over ${MAX_TABLE_PIPES.toLocaleString('en-US')} table cells, so tables were read as plain paragraphs` });
  return hits;
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
