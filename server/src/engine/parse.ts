// Parsing: the document is cut into chunks (parse/chunks.ts), each chunk is parsed with micromark
// (remark's parser) and only the GFM constructs it may use (parse/gfm.ts), within limits that keep
// pathological input cheap (parse/limits.ts), and its events are read into a small summary of
// headings and passages (parse/summary.ts, parse/phrasing.ts) without building an mdast tree.
// Summaries are cached by chunk text (parse/cache.ts), so after an edit only the chunk the edit
// touched is parsed again: this is what keeps re-linting on every keystroke cheap.
export { forEachLine, LIST_CUT_MIN_LINES, splitChunks, type Chunk } from './parse/chunks';
export { chunkEvents, gfmFeatureNames, gfmFeaturesOf } from './parse/gfm';
export {
  MAX_CONTAINER_DEPTH,
  MAX_CONTAINER_INDENT,
  MAX_DELIMITERS_PER_BLOCK,
  MAX_INLINE_MARKS_PER_BLOCK,
  MAX_OPEN_BRACKETS,
  MAX_QUOTE_DEPTH,
  MAX_SETEXT_UNDERLINES,
  MAX_TABLE_PIPES,
  parseLimitsHit,
  type ParseLimitHit,
} from './parse/limits';
export { summarise, type PassageKind, type ChunkSummary, type CommentItem, type ContentItem, type HeadingItem, type Item, type PseudoHeadingItem } from './parse/summary';
export { ChunkCache, detachedCopy } from './parse/cache';
