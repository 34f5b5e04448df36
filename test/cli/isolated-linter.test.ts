// The lint worker's failure paths, with real threads running a stand-in worker script that speaks the
// worker's protocol (its settings first, then ready, then one answer per file, in order) and fails on
// demand: a file that
// hangs, one that throws, one that ends the thread, and a worker that never starts. The pool sends
// each worker its next file before the current one is answered (FILES_IN_FLIGHT), so the files sent
// after a failing one must reach a fresh worker and be answered in order.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILES_IN_FLIGHT, IsolatedLinter } from '../../server/src/cli/isolated-linter';
import type { LintRequest } from '../../server/src/cli/lint-file';
import { lintOnPool } from '../../server/src/cli/pool';
import { WORKER_INIT, WORKER_READY } from '../../server/src/cli/worker';
import { startEarlyLintWorker } from '../../server/src/cli/worker-start';

let dir = '';
let worker = '';
let brokenWorker = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlsd-isolated-linter-'));
  worker = join(dir, 'worker.mjs');
  writeFileSync(
    worker,
    `import { MessagePort, parentPort, receiveMessageOnPort, threadId } from 'node:worker_threads';
let checked = 0;
let settings = '';
const answer = (name, waiting) => parentPort.postMessage({ report: { path: name, displayPath: name, findings: [], fixedCount: checked, fixableCount: waiting, error: name.includes('who') ? settings + ' thread ' + threadId : undefined }, configProblems: [] });
const check = (request) => {
  const name = request.path;
  if (name.includes('hang')) for (;;) {}
  if (name.includes('throw')) throw new Error('boom in ' + name);
  if (name.includes('exit')) process.exit(3);
  checked++;
  if (!name.includes('peek')) return answer(name, 0);
  // Busy a while, then look whether the next file is already waiting: fixableCount says so.
  for (const until = Date.now() + 300; Date.now() < until; );
  const next = receiveMessageOnPort(parentPort);
  answer(name, next ? 1 : 0);
  if (next) check(next.message);
};
// The settings come first, before any file: the worker is started before the options are known.
parentPort.once('message', (init) => {
  if (init.type !== ${JSON.stringify(WORKER_INIT)}) throw new Error('expected the settings first, got ' + JSON.stringify(init));
  settings = 'warmUp ' + init.warmUp + ', mermaid port ' + (init.mermaidPort instanceof MessagePort);
  parentPort.on('message', check);
  parentPort.postMessage(${JSON.stringify(WORKER_READY)});
});
`,
  );
  brokenWorker = join(dir, 'broken.mjs');
  writeFileSync(brokenWorker, 'process.exit(1);\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const request = (path: string): LintRequest => ({ path, cwd: dir, fix: false });

describe('IsolatedLinter and the pool, when a file fails', () => {
  it('sends a worker its next file before it answers the current one', async () => {
    expect(FILES_IN_FLIGHT).toBeGreaterThan(1);
    const responses = await lintOnPool(['peek', 'next', 'last'].map(request), { scriptPath: worker, timeoutMs: 5000, size: 1 });
    expect(responses.map((response) => [response.report.path, response.report.error])).toEqual([
      ['peek', undefined],
      ['next', undefined],
      ['last', undefined],
    ]);
    // While the worker checked the first file, the second was already waiting for it.
    expect(responses[0]!.report.fixableCount).toBe(1);
  }, 30_000);

  it('answers every file in order; those sent after a failing one are checked by a fresh worker', async () => {
    const names = ['a', 'hang', 'b', 'throw', 'c', 'exit', 'd', 'e'];
    const responses = await lintOnPool(names.map(request), { scriptPath: worker, timeoutMs: 1000, size: 1 });
    const reports = responses.map((response) => response.report);
    expect(reports.map((report) => report.path)).toEqual(names);
    expect(reports[1]!.error).toMatch(/took longer than 1 s/);
    expect(reports[3]!.error).toMatch(/the checker failed on this file: boom in throw/);
    expect(reports[5]!.error).toMatch(/stopped unexpectedly on this file \(exit code 3\)/);
    for (const index of [0, 2, 4, 6, 7]) expect(reports[index]!.error, names[index]).toBeUndefined();
    // fixedCount is the stand-in's count of files checked by that thread: each failure started a new one.
    expect(reports.map((report) => report.fixedCount)).toEqual([1, 0, 1, 0, 1, 0, 1, 2]);
  }, 30_000);

  it('starts the clock of a queued file only when the worker turns to it', async () => {
    const linter = new IsolatedLinter(worker, 1000);
    try {
      // The slow file takes all of its second; the file sent behind it must not be charged for that wait.
      const [slow, next] = await Promise.all([linter.lint(request('hang')), linter.lint(request('after'))]);
      expect(slow.report.error).toMatch(/took longer than 1 s/);
      expect(next.report.error).toBeUndefined();
    } finally {
      await linter.close();
    }
  }, 30_000);

  it('says the checker could not start, for every file, when the worker never gets ready', async () => {
    const responses = await lintOnPool(['a', 'b', 'c'].map(request), { scriptPath: brokenWorker, timeoutMs: 1000, size: 1 });
    expect(responses.map((response) => response.report.error)).toEqual(['the checker could not start', 'the checker could not start', 'the checker could not start']);
  }, 30_000);

  it('sends a worker its settings first, and the first worker may be the one the launcher started', async () => {
    const early = startEarlyLintWorker(worker, ['docs']);
    const earlyThread = early!.threadId; // -1 once it has ended
    const responses = await lintOnPool(['who-1', 'who-2'].map(request), { scriptPath: worker, timeoutMs: 5000, size: 1 });
    const expected = `warmUp true, mermaid port true thread ${earlyThread}`;
    expect(responses.map((response) => response.report.error)).toEqual([expected, expected]);
    // Taken once: the next run starts its own worker.
    const again = await lintOnPool([request('who-3')], { scriptPath: worker, timeoutMs: 5000, size: 1 });
    expect(again[0]!.report.error).toMatch(/^warmUp true, mermaid port true thread \d+$/);
    expect(again[0]!.report.error).not.toBe(expected);
  }, 30_000);
});
