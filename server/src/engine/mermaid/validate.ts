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

/** Parses a diagram somewhere else: the command line's lint workers use the main thread's mermaid worker. */
export type MermaidValidator = (source: string) => Promise<MermaidValidation>;
let validator: MermaidValidator | undefined;

/**
 * Sends this thread's diagrams to `use` instead of a mermaid worker of its own (undefined: back to its
 * own). The memo below still applies; the time limit is the validator's to enforce.
 */
export function setMermaidValidator(use: MermaidValidator | undefined): void {
  validator = use;
}

/** Where the worker bundle is; null for in-process parsing. Tests point it at a fresh build. */
export function setMermaidWorkerPath(path: string | null): void {
  stopWorker();
  workerPath = path;
}

/** For tests: the worker bundle in use (null: in-process). */
export function resolveMermaidWorkerPathForTests(): string | null {
  return resolveWorkerPath();
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
/**
 * The worker's heap cap. Mermaid itself needs ~100 MB; a runaway parse was seen at 2.7 GB. Past the
 * cap the worker dies (ERR_WORKER_OUT_OF_MEMORY): the diagram it was parsing is reported as not
 * checked, like one that ran out of time, and the diagrams behind it go to a fresh worker.
 */
export const WORKER_HEAP_MB = 512;
/**
 * The worker's young generation, in MB. Mermaid's garbage per diagram is small since its
 * configuration copies were made cheap (configCopy.ts): 8 MB rather than V8's 64 took ~8 MB off a
 * 300-doc CLI run's peak, at the same speed (docs/perf.md).
 */
const WORKER_YOUNG_GENERATION_MB = 8;
let workerHeapMb = WORKER_HEAP_MB;

/** For tests: the heap cap of workers started from now on. */
export function setMermaidWorkerHeapMb(mb: number): void {
  workerHeapMb = mb;
}
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
  const worker = new Worker(path, {
    workerData: { progress },
    resourceLimits: { maxOldGenerationSizeMb: workerHeapMb, maxYoungGenerationSizeMb: Math.min(WORKER_YOUNG_GENERATION_MB, Math.max(4, workerHeapMb / 8)) },
  });
  // Idle workers must not keep the CLI alive; pending requests ref it again.
  worker.unref();
  const started: RunningWorker = { worker, progress };
  worker.on('message', (reply: WorkerReply) => settle(reply));
  worker.on('error', (error) => {
    if (running !== started) return;
    if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
      // The diagram being parsed blew the heap cap: it is not checked, and the rest go on in a new worker.
      abandonParse(path, started, 'memory');
      return;
    }
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
  abandonParse(path, running, 'timeout');
}

/**
 * Gives up on the request `worker` is parsing (it ran out of time or memory): that diagram is
 * answered as not checked, the worker ends, and the requests queued behind it go to a fresh
 * worker, in the same order.
 */
function abandonParse(path: string, worker: RunningWorker, why: 'timeout' | 'memory'): void {
  const parsingId = Number(Atomics.load(worker.progress, 0));
  const stuck = pending.get(parsingId);
  pending.delete(parsingId);
  if (running === worker) terminateWorker();
  else void worker.worker.terminate();
  stuck?.resolve({ ok: true, skipped: why });
  if (pending.size === 0) return;
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
 * Memo by exact source: edits re-lint constantly and most diagrams did not change. It holds the
 * promise, so a diagram requested early (prefetchMermaidValidation) is not parsed twice.
 *
 * Sized to the open documents: a fixed 1,000 entries evicted everything on every pass of a document
 * with 3,000 diagrams (each lint asks for all of them, least recently used first), so diagnostics
 * came 20 s late. An entry used in the last minute is never evicted, whatever the count, below a hard
 * cap; the server also says how many diagrams its open documents hold (setMermaidValidationCapacity).
 *
 * A timeout is not an answer about the diagram for good (the machine may have been busy, or mermaid
 * still loading): it is kept for a minute, so a diagram that really is too slow does not stop a
 * worker on every keystroke, and then parsed again.
 */
export const CACHE_MIN_ENTRIES = 1000;
export const CACHE_MAX_ENTRIES = 50_000;
const RECENTLY_USED_MS = 60_000;
export const TIMEOUT_RETRY_MS = 60_000;
let timeoutRetryMs = TIMEOUT_RETRY_MS;
let capacity = CACHE_MIN_ENTRIES;

interface CacheEntry {
  result: Promise<MermaidValidation>;
  lastUsed: number;
  /** Set when the answer was a timeout or a blown heap: when to parse the diagram again. */
  retryAt?: number;
}
const cache = new Map<string, CacheEntry>();
const stats = { hits: 0, misses: 0 };

/** How many diagrams the open documents hold: the cache keeps twice that (at least CACHE_MIN_ENTRIES). */
export function setMermaidValidationCapacity(openDiagrams: number): void {
  capacity = Math.min(CACHE_MAX_ENTRIES, Math.max(CACHE_MIN_ENTRIES, 2 * Math.ceil(openDiagrams)));
}

/** For tests: how long a timed-out diagram waits before it is parsed again. */
export function setMermaidTimeoutRetry(ms: number): void {
  timeoutRetryMs = ms;
}

/** For tests and memory reports. */
export function mermaidValidationCacheStats(): { hits: number; misses: number; size: number; capacity: number } {
  return { ...stats, size: cache.size, capacity };
}

/** For tests: the heap cap of the running worker, if one runs. */
export function mermaidWorkerResourceLimits(): Worker['resourceLimits'] | undefined {
  return running?.worker.resourceLimits;
}

function evict(now: number): void {
  for (const [source, entry] of cache) {
    if (cache.size <= capacity) return;
    // Least recently used first: once an entry is recent, all after it are.
    if (now - entry.lastUsed < RECENTLY_USED_MS && cache.size <= CACHE_MAX_ENTRIES) return;
    cache.delete(source);
  }
}

export function validateMermaid(source: string): Promise<MermaidValidation> {
  const now = Date.now();
  const cached = cache.get(source);
  if (cached && !(cached.retryAt !== undefined && now >= cached.retryAt)) {
    stats.hits++;
    // Refresh recency so the eviction below drops the least recently used entry.
    cache.delete(source);
    cached.lastUsed = now;
    cache.set(source, cached);
    return cached.result;
  }
  stats.misses++;
  let result: Promise<MermaidValidation>;
  if (source.length > MAX_VALIDATED_CHARS) result = Promise.resolve({ ok: true, skipped: 'too-large' });
  else if (validator) result = validator(source);
  else {
    const path = resolveWorkerPath();
    result = path ? parseInWorker(path, source) : parseMermaid(source);
  }
  const entry: CacheEntry = { result, lastUsed: now };
  result.then(
    (validation) => {
      if (validation.skipped === 'timeout' || validation.skipped === 'memory') entry.retryAt = Date.now() + timeoutRetryMs;
    },
    // A failure (mermaid missing, worker crashed) is not an answer about the diagram: do not keep it.
    () => {
      if (cache.get(source) === entry) cache.delete(source);
    },
  );
  cache.delete(source);
  cache.set(source, entry);
  if (cache.size > capacity) evict(now);
  return result;
}

/** Starts validating a diagram now, so its result is ready, or nearly, when the rule asks for it. */
export function prefetchMermaidValidation(source: string): void {
  validateMermaid(source).catch(() => undefined);
}

/** For tests and benchmarks. */
export function clearMermaidValidationCache(): void {
  cache.clear();
  stats.hits = stats.misses = 0;
}
