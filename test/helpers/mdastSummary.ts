// The reference the engine's chunk summaries are checked against: the summary built from the mdast
// tree that remark-parse, remark-gfm and remark-frontmatter give (the engine reads micromark's events
// instead, server/src/engine/parse/summary.ts). What is checked is the reading: which blocks there
// are, their positions, and the text and node types of their inline content. The rules that turn
// those into items (pseudo-heading titles, task boxes, HTML blocks) are the engine's own, called
// from here. Used by test/unit/parse.test.ts only.
import type { Nodes, Parents, Root, RootContent, PhrasingContent } from 'mdast';
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { parseLimitsHit } from '../../server/src/engine/parse/limits';
import { boldLineTitle, contentItem, htmlBlockItem, leadRemainder, listItemTitle, taskBox, type ChunkSummary, type Item } from '../../server/src/engine/parse/summary';
import type { Phrasing } from '../../server/src/engine/parse/phrasing';

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

/** mdast's inline nodes as the engine's rules take them: type, plain text, and a text's or HTML's value. */
function phrasing(nodes: readonly PhrasingContent[]): Phrasing[] {
  return nodes.map((node) => {
    const text = inlineText([node]);
    return { type: node.type as Phrasing['type'], text, alt: text, ...(node.type === 'text' || node.type === 'html' ? { value: node.value } : {}) };
  });
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
        const title = inList ? undefined : boldLineTitle(phrasing(node.children));
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
            const title = listItemTitle(phrasing(first.children), node.ordered === true);
            if (title) {
              items.push({ kind: 'pseudo', style: 'list-item', title, line: lineOf(first), startCol: (item.position?.start.column ?? 1) - 1, endCol: (first.position?.end.column ?? 1) - 1 });
              const remainder = leadRemainder(phrasing(first.children));
              if (remainder.trim()) items.push(contentItem('list-item', lineOf(first), endLineOf(first), remainder));
            } else {
              for (const c of first.children) if (c.type === 'html') items.push({ kind: 'comment', line: lineOf(c), value: c.value });
              items.push(contentItem('list-item', lineOf(first), endLineOf(first), taskBox(typeof item.checked === 'boolean' ? item.checked : undefined) + inlineText(first.children)));
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
        const item = htmlBlockItem(node.value, lineOf(node), endLineOf(node));
        if (item) items.push(item);
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
