// Which GFM constructs a chunk is parsed with, and micromark's events for that choice.
// GFM's extensions cost parse time (figures in docs/perf.md) and most chunks of a doc use none of
// them. Each GFM construct needs a character sequence that cannot occur otherwise, and each is inert
// without it, so a chunk is parsed with just the constructs whose sequence it contains and gives the
// same summary as with all of GFM (test/unit/parse.test.ts checks this on every Markdown file
// in the repo, the labelled corpus and random text).
import { parse, postprocess, preprocess } from 'micromark';
import { combineExtensions } from 'micromark-util-combine-extensions';
import { frontmatter } from 'micromark-extension-frontmatter';
import type { Event, Extension } from 'micromark-util-types';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { parseLimitsHit, type ParseLimitHit } from './limits';

/** remark-gfm's constructs, in remark-gfm's order, each with the test that says a text may use it. */
const GFM_FEATURES: { name: string; syntax: () => Extension; mayOccur: (text: string) => boolean }[] = [
  { name: 'autolink literal', syntax: gfmAutolinkLiteral, mayOccur: mayHaveAutolinkLiteral },
  { name: 'footnote', syntax: gfmFootnote, mayOccur: (text) => text.includes('[^') },
  { name: 'strikethrough', syntax: gfmStrikethrough, mayOccur: (text) => text.includes('~') },
  // A one-column table needs no pipe when its delimiter row has an alignment colon (`a` over `:--`).
  { name: 'table', syntax: gfmTable, mayOccur: (text) => text.includes('|') || text.includes(':-') || text.includes('-:') },
  { name: 'task list item', syntax: gfmTaskListItem, mayOccur: (text) => /\[[ \t\r\nxX]\]/.test(text) },
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

const extensionLists = new Map<string, Extension[]>();

/** micromark's extensions for front matter, some GFM constructs, and some constructs switched off (see limits.ts); memoised. */
function micromarkExtensions(gfmFeatures: number, disabled: readonly string[] = []): Extension[] {
  const key = `${gfmFeatures}:${disabled.join(',')}`;
  let extensions = extensionLists.get(key);
  if (!extensions) {
    const selected = selectedGfmFeatures(gfmFeatures);
    extensions = [];
    // One combined extension, as remark-gfm adds it, so construct order is the same as with all of GFM.
    if (selected.length) extensions.push(combineExtensions(selected.map((feature) => feature.syntax())));
    extensions.push(frontmatter(['yaml', 'toml']));
    if (disabled.length) extensions.push({ disable: { null: [...disabled] } });
    extensionLists.set(key, extensions);
  }
  return extensions;
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

/**
 * Parses one chunk with the GFM constructs it may use, and within the limits of limits.ts, into
 * micromark's events, as remark-parse does before it builds a tree (summary.ts reads them instead).
 */
export function chunkEvents(text: string, limits: ParseLimitHit[] = parseLimitsHit(text)): Event[] {
  const extensions = micromarkExtensions(
    gfmFeaturesOf(text),
    limits.flatMap((hit) => hit.constructs),
  );
  return postprocess(
    parse({ extensions })
      .document()
      .write(preprocess()(text, undefined, true)),
  );
}
