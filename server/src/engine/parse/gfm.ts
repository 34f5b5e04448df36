// Which GFM constructs a chunk is parsed with, and micromark's events for that choice.
// GFM's extensions cost parse time (figures in docs/perf.md) and most chunks of a doc use none of
// them. Each GFM construct needs a character sequence that cannot occur otherwise, and each is inert
// without it, so a chunk is parsed with just the constructs whose sequence it contains and gives the
// same summary as with all of GFM (test/unit/parse.test.ts checks this on every Markdown file
// in the repo, the labelled corpus and random text).
import { parse, postprocess, preprocess } from 'micromark';
import { combineExtensions } from 'micromark-util-combine-extensions';
import { frontmatter } from 'micromark-extension-frontmatter';
import type { Event, Extension, ParseContext } from 'micromark-util-types';
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

/** micromark's extensions for front matter, some GFM constructs, and some constructs switched off (see limits.ts). */
function micromarkExtensions(gfmFeatures: number, disabled: readonly string[]): Extension[] {
  const selected = selectedGfmFeatures(gfmFeatures);
  const extensions: Extension[] = [];
  // One combined extension, as remark-gfm adds it, so construct order is the same as with all of GFM.
  if (selected.length) extensions.push(combineExtensions(selected.map((feature) => feature.syntax())));
  extensions.push(frontmatter(['yaml', 'toml']));
  if (disabled.length) extensions.push({ disable: { null: [...disabled] } });
  return extensions;
}

interface ReusableParser {
  parser: ParseContext;
  /** The parser's own properties when new: what a document adds beyond them is dropped before the next. */
  keys: ReadonlySet<string>;
}

const parsers = new Map<string, ReusableParser>();

/**
 * micromark's parser for a set of extensions, made once and reused chunk after chunk: parse(options)
 * merges every extension's constructs each time it is called, about a tenth of a cold lint. What a
 * document leaves in the parser is reset first: the definitions it saw (`defined`), its lazy lines
 * (`lazy`), and what extensions keep there (GFM footnotes add `gfmFootnotes`). test/unit/parse.test.ts
 * checks that a reused parser gives the events of a new one.
 */
function parserFor(gfmFeatures: number, disabled: readonly string[] = []): ParseContext {
  const key = `${gfmFeatures}:${disabled.join(',')}`;
  const known = parsers.get(key);
  if (!known) {
    const parser = parse({ extensions: micromarkExtensions(gfmFeatures, disabled) });
    parsers.set(key, { parser, keys: new Set(Object.keys(parser)) });
    return parser;
  }
  const { parser, keys } = known;
  parser.defined = [];
  parser.lazy = {};
  for (const added of Object.keys(parser)) if (!keys.has(added)) delete (parser as unknown as Record<string, unknown>)[added];
  return parser;
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
  const parser = parserFor(
    gfmFeaturesOf(text),
    limits.flatMap((hit) => hit.constructs),
  );
  return postprocess(parser.document().write(preprocess()(text, undefined, true)));
}
