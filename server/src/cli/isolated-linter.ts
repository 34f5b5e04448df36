// Runs lintOneFile in a worker thread so that one file cannot stall or crash the whole run: pathological
// Markdown (tens of thousands of nested quotes or list levels) can keep the parser busy for minutes, and only
// terminating the thread stops synchronous code. A fresh worker takes over for the next file.
import { Worker } from 'node:worker_threads';
import { displayPath } from './files';
import type { LintRequest, LintResponse } from './lint-file';
import { WORKER_ROLE } from './worker';

/** The worker's heap cap: a single design doc never needs more; a runaway one should fail, not swap. */
const WORKER_HEAP_MB = 2048;

export class IsolatedLinter {
  private worker: Worker | undefined;

  /** scriptPath: the bundled CLI, which starts runLintWorker() when loaded as a worker. */
  constructor(
    private readonly scriptPath: string,
    private readonly timeoutMs: number,
  ) {}

  lint(request: LintRequest): Promise<LintResponse> {
    const worker = (this.worker ??= this.spawn());
    const shown = displayPath(request.path, request.cwd);
    return new Promise((resolve) => {
      const finish = (response: LintResponse) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(response);
      };
      const fail = (error: string) =>
        finish({ report: { path: request.path, displayPath: shown, findings: [], fixedCount: 0, fixableCount: 0, error }, configProblems: [] });
      const onMessage = (response: LintResponse) => finish(response);
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
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private spawn(): Worker {
    const worker = new Worker(this.scriptPath, { workerData: { role: WORKER_ROLE }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    // A late 'error' after a request settled must not become an uncaught exception in the main thread.
    worker.on('error', () => {});
    return worker;
  }

  private discard(worker: Worker): void {
    if (this.worker === worker) this.worker = undefined;
    void worker.terminate();
  }
}
