// Starting a lint worker thread. Shared by the CLI's launcher (launch.ts, dist/cli.js), which starts the
// first worker before the CLI itself has loaded, and by isolated-linter.ts, which takes that worker over
// or starts its own. This file is the launcher's whole bundle: it must not import the engine.
import { Worker } from 'node:worker_threads';

/** The workerData of a lint worker: main.ts, loaded in a thread with it, runs the worker's loop. */
export const WORKER_ROLE = 'mlsd-lint-worker';
export interface LintWorkerData {
  role: typeof WORKER_ROLE;
}

/** The worker's heap cap: a single design doc never needs more; a runaway one should fail, not swap. */
const WORKER_HEAP_MB = 2048;
/**
 * The young generation of a worker, in MB. V8's default (up to 3 x 16 MB semi-spaces) is sized for
 * throughput of long-running programs; a lint worker's garbage is short-lived per file, and with a
 * worker per core the default adds up to more than the whole run otherwise needs.
 */
const WORKER_YOUNG_GENERATION_MB = 16;

/** A lint worker thread running `scriptPath` (the CLI's bundle). It waits for its settings (worker.ts, WORKER_INIT). */
export function startLintWorker(scriptPath: string): Worker {
  const workerData: LintWorkerData = { role: WORKER_ROLE };
  return new Worker(scriptPath, { workerData, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
}

/** Options after which mlsd-lint checks no file (help, version, the practice debrief). */
const NO_LINT_OPTIONS = new Set(['-h', '--help', '-v', '--version', '--report']);

/** Whether a command line may lint files, so a worker started now will be used. A wrong guess only wastes the thread. */
export function mayLint(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return true;
    if (NO_LINT_OPTIONS.has(arg.split('=')[0]!)) return false;
  }
  return true;
}

interface EarlyWorker {
  scriptPath: string;
  worker: Worker;
  /** It failed to load or ended before the pool took it over. */
  ended: boolean;
}

/** Where the launcher leaves its worker for the CLI's bundle (a separate file, so a separate module). */
const EARLY_WORKER = Symbol.for('mlsd-lint.early-worker');
type WithEarlyWorker = typeof globalThis & { [EARLY_WORKER]?: EarlyWorker };

/**
 * Starts the first lint worker now, while the CLI's bundle loads, instead of after (its first file
 * starts ~135 ms after the process rather than ~190 ms, docs/perf.md). It does not keep the process alive until the pool takes it
 * over (takeEarlyLintWorker); a run that lints nothing exits without it.
 */
export function startEarlyLintWorker(scriptPath: string, argv: readonly string[]): Worker | undefined {
  if (!mayLint(argv)) return undefined;
  const early: EarlyWorker = { scriptPath, worker: startLintWorker(scriptPath), ended: false };
  // Until the pool takes it, an error or exit only marks it unusable (an unheard 'error' would throw here).
  const end = () => {
    early.ended = true;
  };
  early.worker.once('error', end);
  early.worker.once('exit', end);
  early.worker.unref();
  (globalThis as WithEarlyWorker)[EARLY_WORKER] = early;
  return early.worker;
}

/** The launcher's worker, if it runs `scriptPath` and is still alive; each caller after the first gets none. */
export function takeEarlyLintWorker(scriptPath: string): Worker | undefined {
  const holder = globalThis as WithEarlyWorker;
  const early = holder[EARLY_WORKER];
  delete holder[EARLY_WORKER];
  if (!early) return undefined;
  if (early.ended || early.scriptPath !== scriptPath) {
    void early.worker.terminate();
    return undefined;
  }
  early.worker.ref();
  return early.worker;
}
