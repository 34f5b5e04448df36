// Helpers shared by the benches (scripts/bench.ts, bench-lsp.ts, bench-preview.ts).
import { basename } from 'node:path';

/**
 * True when `name` is the script node (or tsx) was started with: `node dist/<name>.js`, `tsx scripts/<name>.ts`.
 * Bundling copies every imported bench into dist/bench.js, where `require.main === module` is true for all of
 * them, so the entry point is told apart by the file name in process.argv[1] instead.
 */
export function isMainScript(name: string, argv1: string | undefined = process.argv[1]): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}\\.(c?js|ts|mjs)$`).test(basename(argv1 ?? ''));
}

/** A deterministic generator in [0, 1) (a linear congruential generator), so runs are comparable across machines. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The p-th percentile (0-100) of the samples, interpolating linearly between the two nearest ranks. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (rank - below);
}

/** The median: the middle sample, or the mean of the two middle ones. */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}
