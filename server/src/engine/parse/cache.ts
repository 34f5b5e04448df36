// The bounded cache of chunk summaries, keyed by chunk text and shared by every document an engine lints.
import { chunkEvents } from './gfm';
import { parseLimitsHit } from './limits';
import { summarise, type ChunkSummary } from './summary';

/**
 * The same characters in a string of their own. V8 makes a substring a view into its parent, so a
 * chunk cached under (or summarised from) a slice of the document would keep that whole version
 * of the document alive: one more copy of a big document per keystroke, until the entry is evicted.
 */
export function detachedCopy(text: string): string {
  // Concatenation makes a new string, flattened (copied) by the slice; the slice then points into the copy.
  return (' ' + text).slice(1);
}

/** Bounded cache of chunk summaries keyed by chunk text; shared by every document an engine lints. */
export class ChunkCache {
  /** Keyed by a detached copy of the chunk text, which the entry keeps (see detachedCopy). */
  private readonly entries = new Map<string, { text: string; summary: ChunkSummary }>();
  hits = 0;
  misses = 0;
  /** Told about every mermaid diagram of each summary handed out (set by the engine while it lints). */
  onMermaidDiagram: ((source: string) => void) | undefined;
  constructor(private readonly maxEntries = 20000) {}

  summary(text: string): ChunkSummary {
    let entry = this.entries.get(text);
    if (entry) {
      this.hits++;
      // Refresh recency (Map iteration order is insertion order) under the entry's own key, not the
      // caller's string, which may be a slice of the whole document.
      this.entries.delete(text);
      this.entries.set(entry.text, entry);
    } else {
      this.misses++;
      // Parsed from the copy too: the summary's texts are slices of what was parsed.
      const own = detachedCopy(text);
      const limits = parseLimitsHit(own);
      const summary = summarise(chunkEvents(own, limits));
      if (limits.length) summary.parseLimits = limits.map((hit) => hit.reason);
      entry = { text: own, summary };
      this.entries.set(own, entry);
      if (this.entries.size > this.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
    }
    const { summary } = entry;
    if (this.onMermaidDiagram) for (const item of summary.items) if (item.kind === 'content' && item.passageKind === 'mermaid') this.onMermaidDiagram(item.text);
    return summary;
  }

  clear(): void {
    this.entries.clear();
  }
}
