// Gives the memory of a burst of linting back to the OS once the server goes quiet.
//
// Opening a workspace lints every design doc in it: remark builds a syntax tree for every chunk,
// and V8 grows its heap to several times what stays alive (200 docs: 130-190 MB of heap for
// ~30 MB of live objects). Afterwards nothing allocates, so no collection runs, and V8's own
// memory reducer waits 8 s and more before it starts; until then the process stays at ~250 MB
// resident. The reclaimer waits for a short quiet spell after work that grew the heap, then runs
// one full collection that compacts every page, so the free pages can be unmapped.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Long enough that a typist's pauses between keystrokes do not trigger it, short enough to follow a burst closely. */
export const DEFAULT_IDLE_MS = 500;
/**
 * A compacting collection of a 30 MB heap takes 60-110 ms: worth it only when it can give back
 * a good deal, both in absolute terms and relative to what is alive.
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
    this.log?.(`Heap compacted after a quiet spell: ${mb(size)} -> ${mb(this.baselineBytes)} MB in ${(performance.now() - started).toFixed(0)} ms`);
  }
}

/**
 * A full collection that compacts the whole heap, or undefined where V8's collector cannot be
 * reached. A plain full collection frees the garbage but evacuates only the most fragmented
 * pages, so after a burst most pages stay committed, each holding a few live objects.
 */
export function compactingCollection(): (() => void) | undefined {
  let gc = (globalThis as { gc?: unknown }).gc;
  if (typeof gc !== 'function') {
    try {
      // The function `node --expose-gc` installs, fetched from a throwaway context; the flag is
      // switched off again so no later context (worker threads) gets a global `gc`.
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc');
      setFlagsFromString('--no-expose-gc');
    } catch {
      return undefined;
    }
  }
  if (typeof gc !== 'function') return undefined;
  const collectGarbage = gc as () => void;
  return () => {
    setFlagsFromString('--compact-on-every-full-gc');
    try {
      collectGarbage();
    } finally {
      setFlagsFromString('--no-compact-on-every-full-gc');
    }
  };
}

/**
 * Keeps V8's young generation at its initial size instead of letting it grow to 16 MB per
 * semi-space: V8 grows it during a burst of parsing but never shrinks it again unless the
 * allocation rate has been low for seconds, so those 32 MB would stay resident for good. The
 * cost is more objects promoted to the old generation, which the reclaimer compacts later.
 * (`node --max-semi-space-size=1` does this from the start, but the server cannot choose how it
 * is launched.) V8 reads the growth factor each time it would grow the young generation, but
 * raises it back to 2, process-wide, whenever it sets up a new isolate's heap: so it is applied
 * again once each worker thread (the mermaid validator) is up.
 */
export function keepYoungGenerationSmall(): void {
  const apply = () => {
    try {
      setFlagsFromString('--semi-space-growth-factor=1');
    } catch {
      // An embedder without V8 flags: the server works as before, with more memory.
    }
  };
  apply();
  process.on('worker', (worker) => worker.once('online', apply));
}

export function heapReclaimerForThisProcess(log?: (message: string) => void): HeapReclaimer {
  keepYoungGenerationSmall();
  return new HeapReclaimer({ collect: compactingCollection(), ...(log ? { log } : {}) });
}
