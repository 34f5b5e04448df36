// Validates mermaid diagrams for the mermaid-syntax rule: memoised by source, parsed in a worker
// thread with a time limit when the worker bundle is there (dist/mermaid-worker/worker.mjs beside
// the server and CLI bundles), in-process otherwise (unit tests running the TypeScript sources).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { MAX_VALIDATED_CHARS, parseMermaid, type MermaidValidation } from './parse';
import type { WorkerReply, WorkerRequest } from './worker';

export { MAX_VALIDATED_CHARS, type MermaidValidation };

/**
 * Mermaid's parsers are quadratic on some inputs (3 000 nested subgraphs take ~10 s). Real
 * diagrams parse in milliseconds; past this the diagram is reported as not validated.
 */
export const PARSE_TIMEOUT_MS = 3000;
/** The worker's entry relative to the server and CLI bundles (scripts/mermaid-worker-build.mjs). */
export const WORKER_FILE_NAME = join('mermaid-worker', 'worker.mjs');

let workerPath: string | null | undefined;

/** Where the worker bundle is; null for in-process parsing. Tests point it at a fresh build. */
export function setMermaidWorkerPath(path: string | null): void {
  stopWorker();
  workerPath = path;
}

function resolveWorkerPath(): string | null {
  if (workerPath === undefined) {
    const candidate = process.env.MLSD_MERMAID_WORKER ?? join(__dirname, WORKER_FILE_NAME);
    workerPath = existsSync(candidate) ? candidate : null;
  }
  return workerPath;
}

// --- The worker: requests pipelined, a watchdog for stuck parses, stopped when idle -------------
//
// Every request is posted at once, so the worker parses diagrams while the main thread is still
// busy parsing the Markdown (the engine asks for them as it meets them). The worker answers in
// order and publishes, in shared memory, which request it is parsing and since when: the watchdog
// reads that instead of timing replies, because the replies of a finished parse wait unread while
// the main thread is busy, and that must not count as a stuck parser.

/**
 * An idle worker holds mermaid's ~100 MB; a language server with docs open but no diagram edits
 * should not. Restarting costs about half a second, and results are cached, so after a minute of
 * idleness the worker is stopped.
 */
export const WORKER_IDLE_STOP_MS = 60_000;
const WATCHDOG_INTERVAL_MS = 250;

interface PendingRequest {
  source: string;
  resolve(result: MermaidValidation): void;
  reject(error: Error): void;
}

interface RunningWorker {
  worker: Worker;
  /** Written by the worker: [id of the request it is parsing (0 when idle), Date.now() when it started]. */
  progress: BigInt64Array;
}

let running: RunningWorker | undefined;
let nextRequestId = 0;
/** Insertion order is the order the worker answers in. */
const pending = new Map<number, PendingRequest>();
let watchdog: NodeJS.Timeout | undefined;
let idleStop: NodeJS.Timeout | undefined;
let idleStopMs = WORKER_IDLE_STOP_MS;

/** For tests: how long an idle worker lives. */
export function setMermaidWorkerIdleStop(ms: number): void {
  idleStopMs = ms;
}

/** For tests and memory reports: whether a worker thread is running now. */
export function isMermaidWorkerRunning(): boolean {
  return running !== undefined;
}

function failAll(error: Error): void {
  const waiting = [...pending.values()];
  pending.clear();
  for (const { reject } of waiting) reject(error);
}

/** Ends the worker thread and its timers; pending requests are the caller's to settle. */
function terminateWorker(): void {
  const stopping = running;
  running = undefined;
  clearInterval(watchdog);
  watchdog = undefined;
  clearTimeout(idleStop);
  idleStop = undefined;
  if (stopping) void stopping.worker.terminate();
}

function stopWorker(): void {
  terminateWorker();
  failAll(new Error('mermaid worker stopped'));
}

function startWorker(path: string): RunningWorker {
  const progress = new BigInt64Array(new SharedArrayBuffer(2 * BigInt64Array.BYTES_PER_ELEMENT));
  const worker = new Worker(path, { workerData: { progress } });
  // Idle workers must not keep the CLI alive; pending requests ref it again.
  worker.unref();
  const started: RunningWorker = { worker, progress };
  worker.on('message', (reply: WorkerReply) => settle(reply));
  worker.on('error', (error) => {
    if (running !== started) return;
    running = undefined;
    failAll(error);
  });
  worker.on('exit', (code) => {
    if (running !== started) return;
    running = undefined;
    failAll(new Error(`mermaid worker exited with code ${code}`));
  });
  return started;
}

function settle(reply: WorkerReply): void {
  const waiting = pending.get(reply.id);
  if (!waiting) return;
  pending.delete(reply.id);
  if ('failure' in reply) waiting.reject(new Error(reply.failure));
  else waiting.resolve(reply.result);
  if (pending.size === 0) becameIdle();
}

function becameIdle(): void {
  clearInterval(watchdog);
  watchdog = undefined;
  if (!running) return;
  running.worker.unref();
  clearTimeout(idleStop);
  const idle = running;
  idleStop = setTimeout(() => {
    if (running === idle && pending.size === 0) stopWorker();
  }, idleStopMs);
  idleStop.unref();
}

function postAll(target: RunningWorker, requests: Iterable<[number, PendingRequest]>): void {
  target.worker.ref();
  for (const [id, { source }] of requests) target.worker.postMessage({ id, source } satisfies WorkerRequest);
}

/** Ends a parse that has run past the limit: the only way out of synchronous work is to end the thread. */
function checkProgress(path: string): void {
  if (!running || pending.size === 0) return;
  const parsingId = Number(Atomics.load(running.progress, 0));
  const startedAt = Number(Atomics.load(running.progress, 1));
  if (parsingId === 0 || Date.now() - startedAt < PARSE_TIMEOUT_MS) return;
  const stuck = pending.get(parsingId);
  pending.delete(parsingId);
  terminateWorker();
  stuck?.resolve({ ok: true, skipped: 'timeout' });
  if (pending.size === 0) return;
  // The requests queued behind the stuck one go to a fresh worker, in the same order.
  running = startWorker(path);
  postAll(running, pending);
  armWatchdog(path);
}

function armWatchdog(path: string): void {
  if (watchdog) return;
  watchdog = setInterval(() => checkProgress(path), WATCHDOG_INTERVAL_MS);
  watchdog.unref();
}

function parseInWorker(path: string, source: string): Promise<MermaidValidation> {
  clearTimeout(idleStop);
  idleStop = undefined;
  running ??= startWorker(path);
  const id = ++nextRequestId;
  const result = new Promise<MermaidValidation>((resolve, reject) => pending.set(id, { source, resolve, reject }));
  postAll(running, [[id, pending.get(id)!]]);
  armWatchdog(path);
  return result;
}

// --- Public entry: memoised ----------------------------------------------------------------------

/**
 * Bounded memo by exact source: edits re-lint constantly and most diagrams did not change. It holds
 * the promise, so a diagram requested early (prefetchMermaidValidation) is not parsed twice.
 */
const CACHE_LIMIT = 1000;
const cache = new Map<string, Promise<MermaidValidation>>();

export function validateMermaid(source: string): Promise<MermaidValidation> {
  const cached = cache.get(source);
  if (cached) {
    // Refresh recency so the eviction below drops the least recently used entry.
    cache.delete(source);
    cache.set(source, cached);
    return cached;
  }
  let result: Promise<MermaidValidation>;
  if (source.length > MAX_VALIDATED_CHARS) result = Promise.resolve({ ok: true, skipped: 'too-large' });
  else {
    const path = resolveWorkerPath();
    result = path ? parseInWorker(path, source) : parseMermaid(source);
  }
  // A failure (mermaid missing, worker crashed) is not an answer about the diagram: do not keep it.
  result.catch(() => {
    if (cache.get(source) === result) cache.delete(source);
  });
  cache.set(source, result);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return result;
}

/** Starts validating a diagram now, so its result is ready, or nearly, when the rule asks for it. */
export function prefetchMermaidValidation(source: string): void {
  validateMermaid(source).catch(() => undefined);
}

/** For tests and benchmarks. */
export function clearMermaidValidationCache(): void {
  cache.clear();
}
