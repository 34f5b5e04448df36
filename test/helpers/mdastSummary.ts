// The reference the engine's chunk summaries are checked against: the same summary built from the
// mdast tree that remark-parse, remark-gfm and remark-frontmatter give (the engine reads micromark's
// events instead, server/src/engine/parse/summary.ts). Used by test/unit/eventSummary.test.ts only.
import type { Nodes, Parents, Root, RootContent, PhrasingContent } from 'mdast';
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { countWords } from '../../server/src/engine/textMeasures';
import { parseLimitsHit } from '../../server/src/engine/parse/limits';
import { contentItem, type ChunkSummary, type Item } from '../../server/src/engine/parse/summary';

const processors = new Map<string, { parse(text: string): Root }>();

/** The summary of one chunk through remark with all of GFM (within the limits of limits.ts, as the engine parses). */
export function mdastSummary(text: string): ChunkSummary {
  const disabled = parseLimitsHit(text).flatMap((hit) => hit.constructs);
  const key = disabled.join(',');
  let processor = processors.get(key);
  if (!processor) {
    processor = unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkFrontmatter, ['yaml', 'toml'])
      .use(function (this: Processor) {
        if (disabled.length) (this.data().micromarkExtensions ??= []).push({ disable: { null: [...disabled] } });
      });
    processors.set(key, processor);
  }
  return summarise(processor.parse(text));
}

/** Plain text of inline content, without raw HTML (so text inside inline comments does not count). */
function inlineText(nodes: readonly Nodes[]): string {
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
    const title = inlineText(lead.children)
      .replace(/[:.\s]+$/, '')
      .trim();
    // A question in bold ("How do you handle retraining?") is an interview prompt, not a section.
    return title && countWords(title) <= MAX_PSEUDO_WORDS && !/\?["'”’]?$/.test(title) ? title : undefined;
  }
  if (!ordered) return undefined;
  const text = inlineText(first).trim();
  if (!text || countWords(text) > 6 || /[.!?,;]$/.test(text.replace(/:$/, ''))) return undefined;
  if (first.some((c) => c.type === 'link' || c.type === 'inlineCode')) return undefined;
  return text.replace(/[:\s]+$/, '');
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
          const text = node.value
            .replace(/<!--[\s\S]*?-->/g, '')
            .replace(/<[^>]+>/g, ' ')
            .trim();
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
