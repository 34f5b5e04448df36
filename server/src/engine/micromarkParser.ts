// micromark's parse(options) merges its default constructs with the extensions on every call, which
// costs ~50 µs: paid once per chunk, that was 13% of a cold lint of a 1,000-line doc.
// mdast-util-from-markdown calls it once per document and has no way to take a parser, so the
// bundler points that package's import of `micromark` at this module (scripts/build.mjs, and
// vitest.config.mts for the tests), which keeps one parser per extension list and resets its
// per-document state before each use.
//
// Sound because parsing is synchronous and never nested: a parser is only used between the call
// below and the end of the fromMarkdown call that made it.
import { parse as createParser, postprocess, preprocess } from 'micromark';
import type { ParseContext, ParseOptions } from 'micromark-util-types';

export { postprocess, preprocess };

interface CachedParser {
  parser: ParseContext;
  /** The fields micromark gave it; anything else was added while parsing a document (footnote labels, say). */
  ownFields: Set<string>;
}

// Keyed by the extension list itself: remark keeps one per processor, and every processor the
// engine uses lives as long as the server (parse.ts memoises them).
const parsers = new WeakMap<object, CachedParser>();
let reuseEnabled = true;
let reuses = 0;

export function parse(options?: ParseOptions | null): ParseContext {
  const extensions = options?.extensions;
  if (!reuseEnabled || !extensions) return createParser(options);
  let cached = parsers.get(extensions);
  if (!cached) {
    const parser = createParser(options);
    cached = { parser, ownFields: new Set(Object.keys(parser)) };
    parsers.set(extensions, cached);
    return parser;
  }
  reuses++;
  const parser = cached.parser as ParseContext & Record<string, unknown>;
  // Per-document state: definitions seen, lazy lines, and whatever an extension stored (GFM footnotes).
  for (const field of Object.keys(parser)) if (!cached.ownFields.has(field)) delete parser[field];
  parser.defined = [];
  parser.lazy = {};
  return parser;
}

/** For tests: turn reuse off to get the reference behaviour, and count reuses to prove the redirect is in place. */
export const micromarkParserReuse = {
  setEnabled(enabled: boolean): void {
    reuseEnabled = enabled;
  },
  count(): number {
    return reuses;
  },
};
