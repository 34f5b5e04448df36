// The inline content of a paragraph, heading or table cell, read from micromark's events into the
// few facts the summary needs: the node types at the top level (a bold lead, a lone image, a link,
// raw HTML) and the plain text of each. It reads the events the way mdast-util-from-markdown builds
// its tree (test/unit/parse.test.ts compares the two on every Markdown file in the repository, the
// labelled corpus and random text), without building that tree: the tree cost a cold lint
// about a sixth of its time (docs/perf.md).
import type { Event, Token } from 'micromark-util-types';
import { decodeString } from 'micromark-util-decode-string';
import { unicodePunctuation, unicodeWhitespace } from 'micromark-util-character';

export type PhrasingType = 'text' | 'strong' | 'emphasis' | 'delete' | 'link' | 'linkReference' | 'image' | 'imageReference' | 'inlineCode' | 'html' | 'break' | 'footnoteReference';

/** An inline node: its type, the text inlineText gives it, and for raw HTML its source and line. */
export interface Phrasing {
  type: PhrasingType;
  /** Plain text as summary.ts counts it: HTML dropped, a break as a space, an image as its alt text. */
  text: string;
  /** The same as mdast-util-to-string gives it, which is what an image keeps of its label (HTML counts, a break does not). */
  alt: string;
  /** Text nodes: the value; HTML: its source. */
  value?: string;
  /** Zero-based line where the node starts (HTML only). */
  line?: number;
}

interface OpenNode {
  type: PhrasingType;
  token: Token;
  children: Phrasing[];
  /** A link or image with a `(destination)`: a link or image; without one, a reference. */
  resource: boolean;
}

/** The text of the given token types between two events, joined (a code span's data, a code block's lines). */
export function joined(events: readonly Event[], from: number, to: number, types: ReadonlySet<string>): string {
  let out = '';
  for (let index = from; index < to; index++) {
    const [kind, token, context] = events[index];
    if (kind === 'enter' && types.has(token.type)) out += context.sliceSerialize(token);
  }
  return out;
}
const CODE_TEXT = new Set(['codeTextData', 'lineEnding']);
const HTML_TEXT = new Set(['htmlTextData', 'lineEnding']);
const AUTOLINK_TEXT = new Set(['autolinkProtocol', 'autolinkEmail', 'literalAutolinkHttp', 'literalAutolinkWww', 'literalAutolinkEmail']);

/** Index of the exit event of the token entered at `enter`. */
export function exitOf(events: readonly Event[], enter: number): number {
  const token = events[enter][1];
  let index = enter + 1;
  while (events[index][1] !== token) index++;
  return index;
}

const CONTAINERS: Partial<Record<string, PhrasingType>> = { strong: 'strong', emphasis: 'emphasis', strikethrough: 'delete', link: 'link', image: 'image' };

/** mdast-util-to-string of an image's label, what mdast keeps as its alt: every value, HTML included, and nothing for a break. */
function altText(nodes: readonly Phrasing[]): string {
  let out = '';
  for (const node of nodes) out += node.alt;
  return out;
}

export interface PhrasingRead {
  children: Phrasing[];
  /** A task-list box at the start (`[x]`): true when ticked; undefined without one. */
  checked?: boolean;
}

/**
 * Reads the inline events between `from` and `to` (exclusive) into top-level nodes. `inTable`: code
 * spans in table cells turn `\|` into `|`, as mdast-util-gfm-table does.
 */
export function readPhrasing(events: readonly Event[], from: number, to: number, inTable = false): PhrasingRead {
  const root: Phrasing[] = [];
  const stack: OpenNode[] = [];
  let checked: boolean | undefined;
  /** After a hard break, the line ending that follows belongs to the break (mdast's atHardBreak). */
  let atHardBreak = false;
  const siblings = () => (stack.length ? stack[stack.length - 1].children : root);
  const addText = (value: string) => {
    const list = siblings();
    const tail = list[list.length - 1];
    if (tail && tail.type === 'text') {
      tail.value += value;
      tail.text = tail.alt = tail.value!;
    } else list.push({ type: 'text', text: value, alt: value, value });
  };
  for (let index = from; index < to; index++) {
    const [kind, token, context] = events[index];
    const type = token.type;
    if (kind === 'exit') {
      const open = stack[stack.length - 1];
      if (open && open.token === token) {
        stack.pop();
        const nodeType: PhrasingType = open.resource || (open.type !== 'link' && open.type !== 'image') ? open.type : open.type === 'link' ? 'linkReference' : 'imageReference';
        const alt = altText(open.children);
        // inlineText reads an image's alt and has nothing for an image reference (no children in mdast).
        const text = nodeType === 'image' ? alt : nodeType === 'imageReference' ? '' : phrasingText(open.children);
        siblings().push({ type: nodeType, text, alt });
      } else if (type === 'lineEnding') {
        if (atHardBreak) atHardBreak = false;
        else addText(context.sliceSerialize(token));
      }
      continue;
    }
    const container = CONTAINERS[type];
    if (container) {
      stack.push({ type: container, token, children: [], resource: false });
      continue;
    }
    switch (type) {
      case 'data':
      case 'characterEscapeValue':
        addText(context.sliceSerialize(token));
        break;
      case 'characterReference': {
        addText(decodeString(context.sliceSerialize(token)));
        index = exitOf(events, index);
        break;
      }
      case 'hardBreakEscape':
      case 'hardBreakTrailing':
        siblings().push({ type: 'break', text: ' ', alt: '' });
        atHardBreak = true;
        index = exitOf(events, index);
        break;
      case 'codeText': {
        const end = exitOf(events, index);
        let value = joined(events, index + 1, end, CODE_TEXT);
        if (inTable) value = value.replace(/\\([\\|])/g, (whole, char: string) => (char === '|' ? char : whole));
        siblings().push({ type: 'inlineCode', text: value, alt: value, value });
        index = end;
        break;
      }
      case 'htmlText': {
        const end = exitOf(events, index);
        const value = joined(events, index + 1, end, HTML_TEXT);
        siblings().push({ type: 'html', text: '', alt: value, value, line: token.start.line - 1 });
        index = end;
        break;
      }
      case 'autolink':
      case 'literalAutolink': {
        const end = exitOf(events, index);
        const value = joined(events, index + 1, end, AUTOLINK_TEXT);
        siblings().push({ type: 'link', text: value, alt: value });
        index = end;
        break;
      }
      case 'gfmFootnoteCall':
        siblings().push({ type: 'footnoteReference', text: '', alt: '' });
        index = exitOf(events, index);
        break;
      case 'taskListCheck': {
        const end = exitOf(events, index);
        for (let inner = index + 1; inner < end; inner++) {
          const innerType = events[inner][1].type;
          if (innerType === 'taskListCheckValueChecked') checked = true;
          else if (innerType === 'taskListCheckValueUnchecked') checked = false;
        }
        index = end;
        break;
      }
      case 'resource': {
        // `(destination "title")`: not text; it makes the link or image a resource rather than a reference.
        const open = stack[stack.length - 1];
        if (open) open.resource = true;
        index = exitOf(events, index);
        break;
      }
      case 'reference':
        // `[text][label]`: the label is not text of the link.
        index = exitOf(events, index);
        break;
      default:
      // Sequences, markers, whitespace and the wrappers of text (strongText, labelText, ...) hold no text of their own.
    }
  }
  return checked === undefined ? { children: root } : { children: root, checked };
}

/** Plain text of inline nodes, as summary.ts counts it. */
export function phrasingText(nodes: readonly Phrasing[]): string {
  let out = '';
  for (const node of nodes) out += node.text;
  return out;
}

// remark-gfm also links URLs and e-mail addresses that micromark left as text (after an escape or a
// character reference, say) in a pass over the finished tree. Only whether a top-level text holds
// one matters to the summary (an ordered item with a link is not a title), so this says just that,
// with the tests mdast-util-gfm-autolink-literal applies to each match.
const LITERAL_URL = /(?<![\da-z])(https?:\/\/|www(?=\.))([\w-]*\.[\w\-.]*)([^\t\n\r ]*)/gi;
const LITERAL_XMPP = /(?<![\w+\-.@])xmpp:([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)(\/(?:[\w\-/]|\.(?=[\dA-Za-z]))*)?/g;
const LITERAL_MAILTO = /(?<![\w+\-.@])mailto:([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)/g;
const LITERAL_EMAIL = /(?<![\w+\-.]|(?:^|[^\d@A-Za-z])(?:mailto|xmpp):)([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)/g;

function domainPartOk(part: string | undefined): boolean {
  return !part || (!part.includes('_') && /[\dA-Za-z]/.test(part));
}

/** Whether remark-gfm's tree pass would make a link of something in this text. */
export function hasLiteralAutolink(value: string): boolean {
  if (!/www|https?:|@/i.test(value)) return false;
  for (const match of value.matchAll(LITERAL_URL)) {
    const before = value.charCodeAt(match.index - 1);
    if (match.index !== 0 && !unicodeWhitespace(before) && !unicodePunctuation(before)) continue;
    const domain = /^w/i.test(match[1]) ? match[1] + match[2] : match[2];
    const parts = domain.split('.');
    if (unicodePunctuation(domain.charCodeAt(0)) || parts.length < 2 || !domainPartOk(parts[parts.length - 1]) || !domainPartOk(parts[parts.length - 2])) continue;
    return true;
  }
  for (const match of value.matchAll(LITERAL_XMPP)) {
    const [whole, , label, resource] = match;
    if (/[\d\-_]$/.test(label) || (resource && (!/[A-Za-z]$/.test(resource) || value.charAt(match.index + whole.length) === '@'))) continue;
    return true;
  }
  for (const pattern of [LITERAL_MAILTO, LITERAL_EMAIL]) for (const match of value.matchAll(pattern)) if (!/[\d\-_]$/.test(match[2])) return true;
  return false;
}
