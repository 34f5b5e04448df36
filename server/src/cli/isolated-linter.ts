// Runs lintOneFile in a worker thread so that one file cannot stall or crash the whole run: pathological
// Markdown (tens of thousands of nested quotes or list levels) can keep the parser busy for minutes, and only
// terminating the thread stops synchronous code. A fresh worker takes over for the next file.
import { Worker } from 'node:worker_threads';
import { displayPath } from './files';
import { openMermaidRelay } from './mermaid-relay';
import type { LintRequest, LintResponse } from './lint-file';
import { fromWire, WORKER_READY, WORKER_ROLE, type LintWorkerData, type WireResponse } from './worker';

/** The worker's heap cap: a single design doc never needs more; a runaway one should fail, not swap. */
const WORKER_HEAP_MB = 2048;
/**
 * The young generation of a worker, in MB. V8's default (up to 3 x 16 MB semi-spaces) is sized for
 * throughput of long-running programs; a lint worker's garbage is short-lived per file, and with a
 * worker per core the default adds up to more than the whole run otherwise needs.
 */
const WORKER_YOUNG_GENERATION_MB = 16;
/**
 * Below this --file-timeout the worker warms up (lints a small doc) before its clock starts, so that
 * compiling the checker is not charged to the first file; above it that compile time is noise.
 */
export const WARM_UP_BELOW_TIMEOUT_MS = 10_000;
/** How long a fresh worker may take to load and warm up before it is given up on. */
const WORKER_STARTUP_MS = 60_000;

interface RunningWorker {
  worker: Worker;
  /** Resolves true once the worker has warmed up, false when it failed to start. */
  ready: Promise<boolean>;
}

export class IsolatedLinter {
  private current: RunningWorker | undefined;

  /** scriptPath: the bundled CLI, which starts runLintWorker() when loaded as a worker. */
  constructor(
    private readonly scriptPath: string,
    private readonly timeoutMs: number,
  ) {}

  /** Starts the worker now (it loads while the caller does other work) rather than at the first lint. */
  start(): void {
    this.current ??= this.spawn();
  }

  async lint(request: LintRequest): Promise<LintResponse> {
    const current = (this.current ??= this.spawn());
    const { worker } = current;
    const shown = displayPath(request.path, request.cwd);
    // --file-timeout measures the file's own work, not loading the checker into a fresh thread (which
    // takes a second or more on a loaded machine): the clock starts once the worker is ready.
    if (!(await current.ready)) {
      this.discard(worker);
      return { report: { path: request.path, displayPath: shown, findings: [], fixedCount: 0, fixableCount: 0, error: 'the checker could not start' }, configProblems: [] };
    }
    return new Promise((resolve) => {
      const finish = (response: LintResponse) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(response);
      };
      const fail = (error: string) => finish({ report: { path: request.path, displayPath: shown, findings: [], fixedCount: 0, fixableCount: 0, error }, configProblems: [] });
      const onMessage = (response: WireResponse) => finish(fromWire(response));
      const onError = (error: Error) => {
        this.discard(worker);
        fail(`the checker failed on this file: ${error.message}`);
      };
      const onExit = (code: number) => {
        this.discard(worker);
        fail(`the checker stopped unexpectedly on this file (exit code ${code})`);
      };
      const timer = setTimeout(() => {
        this.discard(worker);
        fail(`took longer than ${this.timeoutMs / 1000} s to check; skipped (deeply nested lists or quotes make Markdown parsing slow; raise --file-timeout if the file is just big)`);
      }, this.timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    const worker = this.current?.worker;
    this.current = undefined;
    await worker?.terminate();
  }

  private spawn(): RunningWorker {
    const relay = openMermaidRelay();
    const workerData: LintWorkerData = { role: WORKER_ROLE, warmUp: this.timeoutMs < WARM_UP_BELOW_TIMEOUT_MS, mermaidPort: relay.workerPort };
    const worker = new Worker(this.scriptPath, {
      workerData,
      transferList: [relay.workerPort],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    // A late 'error' after a request settled must not become an uncaught exception in the main thread.
    worker.on('error', () => {});
    const ready = new Promise<boolean>((resolve) => {
      const settle = (value: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onFailure);
        worker.off('exit', onFailure);
        resolve(value);
      };
      const onMessage = (message: unknown) => {
        if (message === WORKER_READY) settle(true);
      };
      const onFailure = () => settle(false);
      const timer = setTimeout(onFailure, WORKER_STARTUP_MS);
      worker.on('message', onMessage);
      worker.on('error', onFailure);
      worker.on('exit', onFailure);
    });
    // A worker that ends (closed, timed out, crashed) takes its channel with it.
    worker.once('exit', () => relay.close());
    return { worker, ready };
  }

  private discard(worker: Worker): void {
    if (this.current?.worker === worker) this.current = undefined;
    void worker.terminate();
  }
}
