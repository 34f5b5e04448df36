// Which GFM constructs a chunk is parsed with, and the remark processor for that choice.
// GFM's extensions cost parse time (figures in docs/perf.md) and most chunks of a doc use none of
// them. Each GFM construct needs a character sequence that cannot occur otherwise, and each is inert
// without it, so a chunk is parsed with just the constructs whose sequence it contains and gives the
// same tree as with all of GFM (test/unit/parse.test.ts checks this on every Markdown file in the
// repo and on random text).
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
import type { Root } from 'mdast';
import { parseLimitsHit, type ParseLimitHit } from './limits';

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

/** remark with front matter, some GFM constructs, and some micromark constructs switched off (see limits.ts); memoised. */
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

/** Parses one chunk with the GFM constructs it may use, and within the limits of limits.ts. */
export function parseChunk(text: string, limits: ParseLimitHit[] = parseLimitsHit(text)): Root {
  return markdownProcessor(
    gfmFeaturesOf(text),
    limits.flatMap((hit) => hit.constructs),
  ).parse(text);
}
