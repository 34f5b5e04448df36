// The heap reclaimer: when it collects (after a quiet spell, only when the heap grew), and that
// the collection and the young-generation limit really act on V8.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { compactingCollection, HeapReclaimer } from '../../server/src/lsp/heapReclaimer';

const MB = 1024 * 1024;

describe('HeapReclaimer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A reclaimer over a fake heap whose size the test sets; collecting shrinks it to `liveBytes`. */
  function setup(options: { idleMs?: number; minGrowthBytes?: number; minGrowthRatio?: number } = {}) {
    const heap = { bytes: 30 * MB, liveBytes: 30 * MB };
    const collect = vi.fn(() => {
      heap.bytes = heap.liveBytes;
    });
    const log = vi.fn();
    const reclaimer = new HeapReclaimer({ collect, heapBytes: () => heap.bytes, idleMs: 500, minGrowthBytes: 32 * MB, minGrowthRatio: 1.5, log, ...options });
    return { heap, collect, reclaimer, log };
  }

  it('collects once the server has been quiet for idleMs after work that grew the heap', () => {
    const { heap, collect, reclaimer, log } = setup();
    heap.bytes = 180 * MB;
    reclaimer.workDone();
    vi.advanceTimersByTime(499);
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(collect).toHaveBeenCalledTimes(1);
    expect(reclaimer.collections).toBe(1);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^Heap compacted after a quiet spell: 180\.0 -> 30\.0 MB in \d+ ms$/));
  });

  it('waits for the burst to end: each piece of work restarts the wait', () => {
    const { heap, collect, reclaimer } = setup();
    heap.bytes = 180 * MB;
    for (let i = 0; i < 10; i++) {
      reclaimer.workDone();
      vi.advanceTimersByTime(400);
    }
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it('does not collect when the heap grew little, in bytes or relative to what is alive', () => {
    const { heap, collect, reclaimer } = setup();
    heap.bytes = 60 * MB; // +30 MB: under the 32 MB minimum
    reclaimer.workDone();
    vi.advanceTimersByTime(1000);
    expect(collect).not.toHaveBeenCalled();

    const large = setup();
    large.heap.bytes = 200 * MB;
    large.heap.liveBytes = 200 * MB;
    large.reclaimer.workDone();
    vi.advanceTimersByTime(1000);
    expect(large.collect).toHaveBeenCalledTimes(1); // from the 30 MB start: grown a lot
    large.heap.bytes = 260 * MB; // +60 MB on 200 MB alive: under 1.5x
    large.reclaimer.workDone();
    vi.advanceTimersByTime(1000);
    expect(large.collect).toHaveBeenCalledTimes(1);
  });

  it('measures growth from the size after its last collection', () => {
    const { heap, collect, reclaimer } = setup();
    heap.bytes = 180 * MB;
    heap.liveBytes = 40 * MB;
    reclaimer.workDone();
    vi.advanceTimersByTime(500);
    expect(collect).toHaveBeenCalledTimes(1);
    heap.bytes = 50 * MB; // +10 MB since the collection
    reclaimer.workDone();
    vi.advanceTimersByTime(500);
    expect(collect).toHaveBeenCalledTimes(1);
    heap.bytes = 100 * MB;
    reclaimer.workDone();
    vi.advanceTimersByTime(500);
    expect(collect).toHaveBeenCalledTimes(2);
  });

  it('does nothing without a collector, and nothing after dispose', () => {
    const reclaimer = new HeapReclaimer({ collect: undefined, heapBytes: () => 500 * MB });
    reclaimer.workDone();
    expect(vi.getTimerCount()).toBe(0);

    const { heap, collect, reclaimer: disposed } = setup();
    heap.bytes = 180 * MB;
    disposed.workDone();
    disposed.dispose();
    vi.advanceTimersByTime(1000);
    expect(collect).not.toHaveBeenCalled();
  });
});

describe('compactingCollection', () => {
  it('returns a collector that really frees unreachable objects', async () => {
    const collect = compactingCollection();
    expect(collect).toBeTypeOf('function');
    // Created in an earlier task than the collection: V8 keeps a WeakRef target alive until the end of the task that made it.
    const ref = await new Promise<WeakRef<object>>((resolve) => setTimeout(() => resolve(new WeakRef({ payload: new Array(1000).fill(1) }))));
    await new Promise((resolve) => setTimeout(resolve));
    collect!();
    expect(ref.deref()).toBeUndefined();
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined(); // fetched privately, not installed as a global
  });
});

describe('keepYoungGenerationSmall', () => {
  /** Largest new-space size (MB) seen while a child process churns through parse-like garbage, after a worker thread started. */
  function maxNewSpaceMb(limit: boolean): number {
    const script = `
      const { getHeapSpaceStatistics } = require('node:v8');
      const { Worker } = require('node:worker_threads');
      const { keepYoungGenerationSmall } = require(${JSON.stringify(join(__dirname, '../../server/src/lsp/heapReclaimer.ts'))});
      if (${limit}) keepYoungGenerationSmall();
      // A worker thread (as the mermaid validator is): V8 resets the growth factor when it sets up the worker's heap.
      new Worker('0', { eval: true }).on('exit', () => {
        let max = 0, kept = [];
        for (let round = 0; round < 200; round++) {
          // Trees that live a little while (they survive scavenges, which makes V8 grow the young generation).
          kept.push(Array.from({ length: 5000 }, (_, i) => ({ i, text: 'x'.repeat(20) + i })));
          if (kept.length > 8) kept.shift();
          max = Math.max(max, getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);
        }
        console.log(max / 1048576);
      });`;
    return Number(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' }).trim());
  }

  it('stops V8 from growing the young generation past its initial size, also after a worker thread started', () => {
    expect(maxNewSpaceMb(false)).toBeGreaterThan(8);
    expect(maxNewSpaceMb(true)).toBeLessThanOrEqual(4);
  });
});
