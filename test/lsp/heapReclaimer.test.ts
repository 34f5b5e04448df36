// The heap reclaimer: when it collects (after a quiet spell, only when the heap grew), that it
// collects for real when the server is launched with its flags, and that every launcher passes them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HeapReclaimer } from '../../server/src/lsp/heapReclaimer';
import { SERVER_NODE_FLAGS } from '../../server/src/lsp/launchFlags';

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
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^Heap collected after a quiet spell: 180\.0 -> 30\.0 MB in \d+ ms$/));
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

describe('exposedFullCollection', () => {
  /** Runs `script` in a fresh Node with `flags`, with the reclaimer's module as `reclaimer`; returns its output. */
  function runWith(flags: readonly string[], script: string): string {
    const module = JSON.stringify(join(__dirname, '../../server/src/lsp/heapReclaimer.ts'));
    return execFileSync(process.execPath, [...flags, '--import', 'tsx', '-e', `const reclaimer = require(${module});\n${script}`], { encoding: 'utf8' }).trim();
  }

  it('is a collector that really frees unreachable objects when the server is launched with its flags', () => {
    const script = `
      const collect = reclaimer.exposedFullCollection();
      // Created in an earlier task than the collection: V8 keeps a WeakRef target alive until the end of the task that made it.
      let ref;
      setTimeout(() => { ref = new WeakRef({ payload: new Array(1000).fill(1) }); });
      setTimeout(() => { collect(); console.log(typeof collect, ref.deref() === undefined); }, 10);`;
    expect(runWith(SERVER_NODE_FLAGS, script)).toBe('function true');
  });

  it('is undefined without --expose-gc, so the reclaimer does nothing', () => {
    expect(runWith([], 'console.log(reclaimer.exposedFullCollection() === undefined)')).toBe('true');
    expect(new HeapReclaimer({ collect: undefined }).collections).toBe(0);
  });
});

describe('launch flags', () => {
  it('are the same in the VS Code client, the bin and the LSP bench', () => {
    const shebang = readFileSync(join(__dirname, '../../bin/mlsd-language-server.js'), 'utf8').split('\n')[0];
    expect(shebang).toBe(`#!/usr/bin/env -S node ${SERVER_NODE_FLAGS.join(' ')}`);
    for (const launcher of ['client/src/serverController.ts', 'scripts/bench-lsp.ts']) {
      expect(readFileSync(join(__dirname, '../..', launcher), 'utf8'), launcher).toMatch(/\[\.\.\.SERVER_NODE_FLAGS[,\]]/);
    }
  });

  it('are flags this Node accepts', () => {
    expect(execFileSync(process.execPath, [...SERVER_NODE_FLAGS, '-e', 'console.log(typeof gc)'], { encoding: 'utf8' }).trim()).toBe('function');
  });
});
