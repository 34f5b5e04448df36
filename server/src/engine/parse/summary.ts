// A chunk's micromark events reduced to what the model needs: headings, pseudo-headings (bold lines
// and short list items), passages with their measures, and HTML comments. The summary is what the
// chunk cache keeps; the events are dropped. It is read from the events directly, as
// mdast-util-from-markdown would build the tree, without building it (phrasing.ts says why).
import type { Event, Token } from 'micromark-util-types';
import { decodeString } from 'micromark-util-decode-string';
import { countWords, measurePassage } from '../textMeasures';
import { exitOf, hasLiteralAutolink, joined, phrasingText, readPhrasing, type Phrasing } from './phrasing';

export type PassageKind = 'paragraph' | 'list-item' | 'table-row' | 'code' | 'mermaid' | 'image' | 'blockquote' | 'html' | 'math';

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
  passageKind: PassageKind;
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

const MAX_PSEUDO_WORDS = 10;

/** A pseudo-heading's title: short, and not a question (a bold "How do you handle retraining?" is an interview prompt). */
function asTitle(title: string): string | undefined {
  return title && countWords(title) <= MAX_PSEUDO_WORDS && !/\?["'”’]?$/.test(title) ? title : undefined;
}

/** `**Title**` or `**Title**:` alone in a paragraph. */
export function boldLineTitle(children: readonly Phrasing[]): string | undefined {
  const meaningful = children.filter((c) => !(c.type === 'text' && /^[\s:.\-–—]*$/.test(c.value!)) && c.type !== 'break');
  if (meaningful.length !== 1) return undefined;
  const only = meaningful[0];
  if (only.type !== 'strong' && only.type !== 'emphasis') return undefined;
  return asTitle(only.text.trim());
}

/** A list item that opens with a bold lead (`1. **Monitoring**: …`) or is a short title-like line (`1. Requirements`). */
export function listItemTitle(first: readonly Phrasing[], ordered: boolean): string | undefined {
  const lead = first[0];
  if (lead && lead.type === 'strong') return asTitle(lead.text.replace(/[:.\s]+$/, '').trim());
  if (!ordered) return undefined;
  const text = phrasingText(first).trim();
  if (!text || countWords(text) > 6 || /[.!?,;]$/.test(text.replace(/:$/, ''))) return undefined;
  if (first.some((c) => c.type === 'link' || c.type === 'inlineCode' || (c.type === 'text' && hasLiteralAutolink(c.value!)))) return undefined;
  return text.replace(/[:\s]+$/, '');
}

/** What a titled list item says after its bold lead (`1. **Monitoring**: drift and alerts`), or ''. */
export function leadRemainder(first: readonly Phrasing[]): string {
  return first[0]?.type === 'strong' ? phrasingText(first.slice(1)).replace(/^[\s:.\-–—]+/, '') : '';
}

/** A task-list box keeps its marker in the text ("- [x] Business context described"): a ticked criterion is a prompt, not an answer. */
export function taskBox(checked: boolean | undefined): string {
  return checked === undefined ? '' : checked ? '[x] ' : '[ ] ';
}

/** An HTML block: a comment, or the text between its tags (none when it holds only tags). */
export function htmlBlockItem(value: string, line: number, endLine: number): CommentItem | ContentItem | undefined {
  if (/^\s*<!--/.test(value)) return { kind: 'comment', line, value };
  const text = value
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .trim();
  return text ? contentItem('html', line, endLine, text) : undefined;
}

/**
 * A content item with its measures in the one literal: adding them afterwards (Object.assign) would
 * give every cached item a second property store (docs/perf.md).
 */
export function contentItem(passageKind: PassageKind, line: number, endLine: number, text: string, code?: { lang: string; codeStartLine: number }): ContentItem {
  const { words, placeholder } = measurePassage(passageKind, text);
  return code
    ? { kind: 'content', passageKind, line, endLine, text, lang: code.lang, codeStartLine: code.codeStartLine, words, placeholder }
    : { kind: 'content', passageKind, line, endLine, text, words, placeholder };
}

/** Tokens that are a block of their own (an mdast flow node); anything else between them is structure. */
const FLOW_NODES = new Set([
  'paragraph',
  'atxHeading',
  'setextHeading',
  'listOrdered',
  'listUnordered',
  'blockQuote',
  'codeFenced',
  'codeIndented',
  'htmlFlow',
  'table',
  'definition',
  'gfmFootnoteDefinition',
  'thematicBreak',
  'yaml',
  'toml',
]);

const line0 = (token: Token) => token.start.line - 1;
const endLine0 = (token: Token) => token.end.line - 1;

const CODE_FLOW_TEXT = new Set(['codeFlowValue', 'lineEnding']);
const HTML_FLOW_TEXT = new Set(['htmlFlowData', 'lineEnding']);

export function summarise(events: readonly Event[]): ChunkSummary {
  const items: Item[] = [];

  const pushComments = (children: readonly Phrasing[]) => {
    for (const c of children) if (c.type === 'html') items.push({ kind: 'comment', line: c.line!, value: c.value! });
  };

  /** The flow nodes between two events, each read by `block`. */
  const flow = (from: number, to: number, inList: boolean): void => {
    for (let index = from; index < to; index++) {
      if (events[index][0] === 'enter' && FLOW_NODES.has(events[index][1].type)) index = block(index, inList);
    }
  };

  /** Reads the flow node entered at `at`; returns the index of its exit. */
  const block = (at: number, inList: boolean): number => {
    const token = events[at][1];
    const end = exitOf(events, at);
    switch (token.type) {
      case 'atxHeading':
      case 'setextHeading': {
        let level = 0;
        let title = '';
        for (let index = at + 1; index < end; index++) {
          const [kind, inner, context] = events[index];
          if (kind !== 'enter') continue;
          if (inner.type === 'atxHeadingSequence' && !level) level = context.sliceSerialize(inner).length;
          else if (inner.type === 'setextHeadingLineSequence') level = context.sliceSerialize(inner).charCodeAt(0) === 61 ? 1 : 2;
          else if (inner.type === 'atxHeadingText' || inner.type === 'setextHeadingText') {
            const textEnd = exitOf(events, index);
            title = phrasingText(readPhrasing(events, index + 1, textEnd).children);
            index = textEnd;
          }
        }
        items.push({
          kind: 'heading',
          style: token.type === 'setextHeading' ? 'setext' : 'atx',
          level,
          title: title.trim(),
          line: line0(token),
          endLine: endLine0(token),
          startCol: token.start.column - 1,
          endCol: token.end.column - 1,
        });
        break;
      }
      case 'paragraph': {
        const { children } = readPhrasing(events, at + 1, end);
        const title = inList ? undefined : boldLineTitle(children);
        if (title) {
          items.push({ kind: 'pseudo', style: 'bold', title, line: line0(token), startCol: token.start.column - 1, endCol: token.end.column - 1 });
          break;
        }
        const onlyImages = children.every((c) => c.type === 'image' || (c.type === 'text' && !c.value!.trim()) || c.type === 'break');
        pushComments(children);
        items.push(contentItem(onlyImages ? 'image' : 'paragraph', line0(token), endLine0(token), phrasingText(children)));
        break;
      }
      case 'listOrdered':
      case 'listUnordered':
        list(at, end, token.type === 'listOrdered');
        break;
      case 'blockQuote':
        flow(at + 1, end, inList);
        break;
      case 'table':
        for (let index = at + 1; index < end; index++) {
          const [kind, row] = events[index];
          if (kind !== 'enter' || row.type !== 'tableRow') continue;
          const rowEnd = exitOf(events, index);
          const cells: string[] = [];
          for (let cell = index + 1; cell < rowEnd; cell++) {
            const [cellKind, cellToken] = events[cell];
            if (cellKind !== 'enter' || (cellToken.type !== 'tableHeader' && cellToken.type !== 'tableData')) continue;
            const cellEnd = exitOf(events, cell);
            cells.push(phrasingText(readPhrasing(events, cell + 1, cellEnd, true).children));
            cell = cellEnd;
          }
          items.push(contentItem('table-row', line0(row), endLine0(row), cells.join(' | ')));
          index = rowEnd;
        }
        break;
      case 'codeFenced':
      case 'codeIndented': {
        let lang = '';
        let valueFrom = at + 1;
        if (token.type === 'codeFenced') {
          // The opening fence: its info string is the language; the code starts after it.
          let fence = at + 1;
          while (events[fence][1].type !== 'codeFencedFence') fence++;
          const fenceEnd = exitOf(events, fence);
          for (let index = fence + 1; index < fenceEnd; index++) {
            const [kind, inner, context] = events[index];
            if (kind === 'enter' && inner.type === 'codeFencedFenceInfo') lang = decodeString(context.sliceSerialize(inner)).toLowerCase();
          }
          valueFrom = fenceEnd + 1;
        }
        const raw = joined(events, valueFrom, end, CODE_FLOW_TEXT);
        const value = token.type === 'codeFenced' ? raw.replace(/^(\r?\n|\r)|(\r?\n|\r)$/g, '') : raw.replace(/(\r?\n|\r)$/g, '');
        const startLine = line0(token);
        items.push(contentItem(lang === 'mermaid' ? 'mermaid' : 'code', startLine, endLine0(token), value, { lang, codeStartLine: startLine + 1 }));
        break;
      }
      case 'htmlFlow': {
        const item = htmlBlockItem(joined(events, at + 1, end, HTML_FLOW_TEXT), line0(token), endLine0(token));
        if (item) items.push(item);
        break;
      }
      default:
      // Front matter is metadata, not content (designDocMarker.ts reads the mlsd flag); definitions,
      // footnote definitions and thematic breaks hold nothing the model reads.
    }
    return end;
  };

  /** A list: each item's first paragraph may be a pseudo-heading; the rest is content inside a list. */
  const list = (at: number, end: number, ordered: boolean): void => {
    let itemStart: Token | undefined;
    let first = true;
    for (let index = at + 1; index < end; index++) {
      const [kind, token] = events[index];
      if (kind !== 'enter') continue;
      if (token.type === 'listItemPrefix') {
        itemStart = token;
        first = true;
        continue;
      }
      if (!FLOW_NODES.has(token.type)) continue;
      const isFirst = first;
      first = false;
      if (!(isFirst && token.type === 'paragraph')) {
        index = block(index, true);
        continue;
      }
      const paragraphEnd = exitOf(events, index);
      const { children: read, checked } = readPhrasing(events, index + 1, paragraphEnd);
      let children = read;
      // mdast-util-gfm-task-list-item drops the space after the box.
      const head = children[0];
      if (checked !== undefined && head && head.type === 'text') {
        const value = head.value!.slice(1);
        children = value ? [{ ...head, value, text: value, alt: value }, ...children.slice(1)] : children.slice(1);
      }
      const title = listItemTitle(children, ordered);
      if (title) {
        items.push({ kind: 'pseudo', style: 'list-item', title, line: line0(token), startCol: (itemStart ?? token).start.column - 1, endCol: token.end.column - 1 });
        const remainder = leadRemainder(children);
        if (remainder.trim()) items.push(contentItem('list-item', line0(token), endLine0(token), remainder));
      } else {
        pushComments(children);
        items.push(contentItem('list-item', line0(token), endLine0(token), taskBox(checked) + phrasingText(children)));
      }
      index = paragraphEnd;
    }
  };

  flow(0, events.length, false);
  return { items };
}
