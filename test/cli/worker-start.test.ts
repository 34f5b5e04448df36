// The launcher's early lint worker (worker-start.ts): when it is started, and when the pool may take it
// over. That the pool does take it, and sends it its settings first, is in isolated-linter.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayLint, startEarlyLintWorker, takeEarlyLintWorker } from '../../server/src/cli/worker-start';

let dir = '';
let idle = '';
let exits = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlsd-worker-start-'));
  idle = join(dir, 'idle.mjs');
  writeFileSync(idle, "import { parentPort } from 'node:worker_threads';\nparentPort.once('message', () => process.exit(0));\n");
  exits = join(dir, 'exits.mjs');
  writeFileSync(exits, 'process.exit(4);\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mayLint: whether the launcher starts a worker before the CLI has read its options', () => {
  it.each([
    [['docs/'], true],
    [[], true], // mlsd-lint with no path says so; a worker would only be wasted
    [['--format', 'json', 'docs/**/*.md'], true],
    [['--concurrency', '1', 'a.md'], true],
    [['--help'], false],
    [['-h'], false],
    [['docs', '--version'], false],
    [['-v'], false],
    [['--report', 'design.md'], false],
    [['--report=design.md'], false],
    [['--', '--help'], true], // after "--" it is a file name
  ])('%j -> %s', (argv, expected) => {
    expect(mayLint(argv)).toBe(expected);
  });
});

describe('the early worker is taken over once, and only if usable', () => {
  it('is not started for a run that lints nothing', () => {
    expect(startEarlyLintWorker(idle, ['--version'])).toBeUndefined();
    expect(takeEarlyLintWorker(idle)).toBeUndefined();
  });

  it('is given to the first taker of the same script, and to no one after', async () => {
    const early = startEarlyLintWorker(idle, ['docs']);
    expect(early).toBeDefined();
    const taken = takeEarlyLintWorker(idle);
    expect(taken).toBe(early);
    expect(takeEarlyLintWorker(idle)).toBeUndefined();
    taken!.postMessage('stop');
    await once(taken!, 'exit');
  });

  it('is not given to a taker of another script, and is stopped', async () => {
    const early = startEarlyLintWorker(idle, ['docs'])!;
    const exited = once(early, 'exit');
    expect(takeEarlyLintWorker(exits)).toBeUndefined();
    await exited;
  });

  it('is not given out once it has ended', async () => {
    const early = startEarlyLintWorker(exits, ['docs'])!;
    await once(early, 'exit');
    expect(takeEarlyLintWorker(exits)).toBeUndefined();
  });
});
