// Runs lintOneFile in a worker thread so that one file cannot stall or crash the whole run: pathological
// Markdown (tens of thousands of nested quotes or list levels) can keep the parser busy for minutes, and only
// terminating the thread stops synchronous code. A fresh worker takes over for the next file.
import type { Worker } from 'node:worker_threads';
import { displayPath } from './files';
import { openMermaidRelay } from './mermaid-relay';
import type { LintRequest, LintResponse } from './lint-file';
import { fromWire, WORKER_INIT, WORKER_READY, type LintWorkerInit, type WireResponse } from './worker';
import { startLintWorker, takeEarlyLintWorker } from './worker-start';
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
  /** The thread has ended (crashed or stopped between files): the next file needs a fresh one. */
  exited?: boolean;
}

interface Pending {
  request: LintRequest;
  resolve: (response: LintResponse) => void;
}

/**
 * Files a worker is sent before it has answered the one it is checking. With one, the worker sat idle
 * for a round trip through the main thread between files (~1 ms a file: 0.2-0.3 s of a 300-doc
 * folder run); with two, the next file is already waiting when it posts an answer (docs/perf.md).
 */
export const FILES_IN_FLIGHT = 2;

export class IsolatedLinter {
  private current: RunningWorker | undefined;
  /** Requests sent to the current worker, not answered yet, in the order sent: it checks them in that order. */
  private sent: Pending[] = [];
  /** Requests waiting for the current worker to be ready. */
  private waiting: Pending[] = [];
  /** The --file-timeout clock of the file the worker is checking (the first of `sent`). */
  private timer: NodeJS.Timeout | undefined;

  /** scriptPath: the bundled CLI, which starts runLintWorker() when loaded as a worker. */
  constructor(
    private readonly scriptPath: string,
    private readonly timeoutMs: number,
  ) {}

  /** Starts the worker now (it loads while the caller does other work) rather than at the first lint. */
  start(): void {
    this.current ??= this.spawn();
  }

  /**
   * Checks a file. Calls may overlap (the pool keeps FILES_IN_FLIGHT per worker): the worker checks
   * them one at a time, in the order of the calls, and the clock of each starts when the worker turns
   * to it. A file that runs over the timeout, crashes or stops the worker gets an error; the files
   * sent after it go to a fresh worker.
   */
  lint(request: LintRequest): Promise<LintResponse> {
    return new Promise((resolve) => {
      this.waiting.push({ request, resolve });
      void this.dispatch();
    });
  }

  async close(): Promise<void> {
    const worker = this.current?.worker;
    this.current = undefined;
    clearTimeout(this.timer);
    for (const pending of [...this.sent.splice(0), ...this.waiting.splice(0)]) pending.resolve(failed(pending.request, 'the checker was stopped before this file'));
    await worker?.terminate();
  }

  /** Sends the waiting requests to the current worker (a fresh one if none) once it is ready. */
  private async dispatch(): Promise<void> {
    if (this.current?.exited) this.current = undefined;
    const running = (this.current ??= this.spawn());
    // --file-timeout measures the file's own work, not loading the checker into a fresh thread (which
    // takes a second or more on a loaded machine): requests are sent, and clocks start, once it is ready.
    const ready = await running.ready;
    if (this.current !== running) return; // replaced meanwhile: the new worker's dispatch sends them
    if (!ready) {
      this.discard(running.worker);
      for (const pending of this.waiting.splice(0)) pending.resolve(failed(pending.request, 'the checker could not start'));
      return;
    }
    for (const pending of this.waiting.splice(0)) {
      this.sent.push(pending);
      running.worker.postMessage(pending.request);
      if (this.sent.length === 1) this.startClock(running);
    }
  }

  private startClock(running: RunningWorker): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () =>
        this.failHead(
          running,
          `took longer than ${this.timeoutMs / 1000} s to check; skipped (deeply nested lists or quotes make Markdown parsing slow; raise --file-timeout if the file is just big)`,
        ),
      this.timeoutMs,
    );
  }

  /** The worker answered the file it was checking; it is now on the next one sent, if any. */
  private answered(running: RunningWorker, wire: WireResponse): void {
    if (this.current !== running) return;
    const head = this.sent.shift();
    clearTimeout(this.timer);
    if (!head) return;
    head.resolve(fromWire(wire));
    if (this.sent.length) this.startClock(running);
  }

  /** The file being checked failed (timeout, crash, exit): its worker goes, and the files sent after it go to a fresh one. */
  private failHead(running: RunningWorker, error: string): void {
    // Not checking a file: a worker failing to start is answered by its `ready`, one that ended between files is replaced by dispatch().
    if (this.current !== running || this.sent.length === 0) return;
    clearTimeout(this.timer);
    this.discard(running.worker);
    const [head, ...rest] = this.sent.splice(0);
    head!.resolve(failed(head!.request, error));
    this.waiting.unshift(...rest);
    if (this.waiting.length) void this.dispatch();
  }

  private spawn(): RunningWorker {
    const relay = openMermaidRelay();
    // The first worker may have been started by the launcher while the CLI loaded (worker-start.ts).
    const worker = takeEarlyLintWorker(this.scriptPath) ?? startLintWorker(this.scriptPath);
    const init: LintWorkerInit = { type: WORKER_INIT, warmUp: this.timeoutMs < WARM_UP_BELOW_TIMEOUT_MS, mermaidPort: relay.workerPort };
    worker.postMessage(init, [relay.workerPort]);
    const running = {} as RunningWorker;
    // Errors and exits are answered for the file being checked; after the worker is discarded they are
    // ignored (a late 'error' must not become an uncaught exception in the main thread).
    worker.on('error', (error: Error) => this.failHead(running, `the checker failed on this file: ${error.message}`));
    worker.on('exit', (code: number) => {
      running.exited = true;
      this.failHead(running, `the checker stopped unexpectedly on this file (exit code ${code})`);
    });
    worker.on('message', (message: unknown) => {
      if (message !== WORKER_READY) this.answered(running, message as WireResponse);
    });
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
    return Object.assign(running, { worker, ready });
  }

  private discard(worker: Worker): void {
    if (this.current?.worker === worker) this.current = undefined;
    void worker.terminate();
  }
}

function failed(request: LintRequest, error: string): LintResponse {
  return { report: { path: request.path, displayPath: displayPath(request.path, request.cwd), findings: [], fixedCount: 0, fixableCount: 0, error }, configProblems: [] };
}
