// Diagrams of the next files sent to the mermaid thread before their lint worker asks for them. A lint
// worker checks one file at a time and waits, at the end of each, for that file's diagrams: with a
// diagram per doc, the worker sat idle for a fifth of a folder run (docs/perf.md). The main thread,
// idle otherwise, reads the next files and asks for their top-level mermaid blocks; the validation
// memo (engine/mermaid/validate.ts) then has the answer, or has it coming, when the worker asks. It
// starts once a worker has asked for a diagram, so a run with mermaid-syntax off never loads mermaid.
// A source read here that the engine would read differently only costs a wasted parse: the worker
// still asks for its own.
import { prefetchMermaidValidation } from '../engine/mermaid/validate';
import { MAX_VALIDATED_CHARS } from '../engine/mermaid/parse';
import { forEachLine } from '../engine/parse/chunks';
import { closesFence, fenceOpenedBy, FRONT_MATTER_CLOSE_LINE, FRONT_MATTER_OPEN_LINE, type Fence } from '../engine/markdownLines';
import { readDocument } from './files';
import { anyDiagramRelayed } from './mermaid-relay';

/** Files read ahead of the one being linted. */
export const PREFETCH_FILES_AHEAD = 2;
/**
 * Diagrams taken from one file at most: these go to the mermaid thread ahead of the relay's fair
 * queue (mermaid-relay.ts), so a file full of diagrams must not hold the others' behind its own.
 */
export const PREFETCH_MAX_DIAGRAMS = 8;

/** A diagram's opening fence at column 0: the language is the info string's first word. */
const MERMAID_OPENING = /^(?:`{3,}|~{3,})[ \t]*mermaid(?:[ \t]|$)/i;

/**
 * The sources of the mermaid blocks at the top level of a document, as the engine reads them: fences
 * at column 0 only (indented ones, in lists or quotes, lose their indentation in the engine's reading),
 * closed, not empty, and at most `max`. Front matter and other code blocks are skipped, so a fence in
 * them is not taken for a diagram. Fences and front matter follow markdownLines.ts, as everywhere else.
 */
export function topLevelMermaidSources(text: string, max = PREFETCH_MAX_DIAGRAMS): string[] {
  const sources: string[] = [];
  /** The open fence, whether it is a diagram, and where its content starts. */
  let open: { fence: Fence; mermaid: boolean; from: number } | undefined;
  let lineIndex = 0;
  let inFrontMatter = false;
  let previousEnd = 0;
  forEachLine(text, (start, end, next) => {
    const line = text.slice(start, end);
    if (lineIndex++ === 0 && FRONT_MATTER_OPEN_LINE.test(line)) inFrontMatter = true;
    else if (inFrontMatter) inFrontMatter = !FRONT_MATTER_CLOSE_LINE.test(line);
    else if (open) {
      if (closesFence(line, open.fence)) {
        // The value ends before the line ending that precedes the closing fence.
        if (open.mermaid && sources.length < max && start > open.from) sources.push(text.slice(open.from, previousEnd));
        open = undefined;
      }
    } else {
      const fence = fenceOpenedBy(line);
      if (fence) open = { fence, mermaid: MERMAID_OPENING.test(line), from: next };
    }
    previousEnd = end;
  });
  return sources.filter((source) => source.length <= MAX_VALIDATED_CHARS);
}

/** Asks for the diagrams of the files after the one just handed to a worker. */
export class MermaidPrefetcher {
  private prefetched = 0;
  constructor(
    private readonly paths: readonly string[],
    private readonly diagramsWanted: () => boolean = anyDiagramRelayed,
    private readonly ahead = PREFETCH_FILES_AHEAD,
  ) {}

  /**
   * File `index` has been handed to a lint worker. Nothing is read until a worker has asked for a
   * diagram: with mermaid-syntax switched off in the config, prefetching would start the mermaid
   * thread (half a second of CPU, ~100 MB) for answers nobody reads.
   */
  started(index: number): void {
    if (!this.diagramsWanted()) return;
    const until = Math.min(this.paths.length, index + 1 + this.ahead);
    for (this.prefetched = Math.max(this.prefetched, index + 1); this.prefetched < until; this.prefetched++) {
      const read = readDocument(this.paths[this.prefetched]!);
      if ('error' in read) continue;
      for (const source of topLevelMermaidSources(read.text)) prefetchMermaidValidation(source);
    }
  }
}
