// Gives the memory of a burst of linting back to the OS once the server goes quiet.
//
// Opening a workspace lints every design doc in it: remark builds a syntax tree for every chunk,
// and V8 grows its heap to several times what stays alive. Afterwards nothing allocates, so no
// collection runs, and V8's own memory reducer waits seconds before it starts. The reclaimer waits
// for a short quiet spell after work that grew the heap, then runs one full collection, so the
// free pages can be unmapped. The collection is the `gc` function `node --expose-gc` installs
// (launchFlags.ts); started without the flag, the reclaimer does nothing. Figures: docs/perf.md.
import { getHeapStatistics } from 'node:v8';

/** Long enough that a typist's pauses between keystrokes do not trigger it, short enough to follow a burst closely. */
export const DEFAULT_IDLE_MS = 500;
/**
 * A full collection is not free (tens of ms on a loaded heap, docs/perf.md): worth it only when it
 * can give back a good deal, both in absolute terms and relative to what is alive.
 */
export const DEFAULT_MIN_GROWTH_BYTES = 32 * 1024 * 1024;
export const DEFAULT_MIN_GROWTH_RATIO = 1.5;

export interface HeapReclaimerOptions {
  /** Runs the collection; undefined where the runtime offers none (the reclaimer then does nothing). */
  collect: (() => void) | undefined;
  /** The heap's committed size in bytes (what resident memory follows). */
  heapBytes?: () => number;
  idleMs?: number;
  minGrowthBytes?: number;
  minGrowthRatio?: number;
  /** Told what each collection gave back and how long it took (the server logs it at debug level). */
  log?: (message: string) => void;
}

export class HeapReclaimer {
  private readonly collect: (() => void) | undefined;
  private readonly heapBytes: () => number;
  private readonly idleMs: number;
  private readonly minGrowthBytes: number;
  private readonly minGrowthRatio: number;
  private readonly log: ((message: string) => void) | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The heap's size after the last collection (or at start): growth is measured from here. */
  private baselineBytes: number;
  /** How many collections ran, for tests and logs. */
  collections = 0;

  constructor(options: HeapReclaimerOptions) {
    this.collect = options.collect;
    this.heapBytes = options.heapBytes ?? (() => getHeapStatistics().total_heap_size);
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.minGrowthBytes = options.minGrowthBytes ?? DEFAULT_MIN_GROWTH_BYTES;
    this.minGrowthRatio = options.minGrowthRatio ?? DEFAULT_MIN_GROWTH_RATIO;
    this.log = options.log;
    this.baselineBytes = this.heapBytes();
  }

  /** Some work (a lint) finished: collect after `idleMs` without further work, if the heap grew enough. */
  workDone(): void {
    if (!this.collect) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.reclaimIfGrown();
    }, this.idleMs);
    // A pending collection must not keep a server whose client went away alive.
    this.timer.unref?.();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private reclaimIfGrown(): void {
    const size = this.heapBytes();
    if (size - this.baselineBytes < this.minGrowthBytes || size < this.baselineBytes * this.minGrowthRatio) return;
    const started = performance.now();
    this.collect!();
    this.collections++;
    this.baselineBytes = this.heapBytes();
    const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
    this.log?.(`Heap collected after a quiet spell: ${mb(size)} -> ${mb(this.baselineBytes)} MB in ${(performance.now() - started).toFixed(0)} ms`);
  }
}

/** The full collection `node --expose-gc` installs as the global `gc`, or undefined when the process was started without it. */
export function exposedFullCollection(): (() => void) | undefined {
  const gc = (globalThis as { gc?: unknown }).gc;
  if (typeof gc !== 'function') return undefined;
  return () => (gc as () => void)();
}

export function heapReclaimerForThisProcess(log?: (message: string) => void): HeapReclaimer {
  return new HeapReclaimer({ collect: exposedFullCollection(), ...(log ? { log } : {}) });
}
