// Validates mermaid diagrams for the mermaid-syntax rule: memoised by source, parsed in a worker
// thread with a time limit when the worker bundle is there (dist/mermaid-worker.js beside the
// server and CLI bundles), in-process otherwise (unit tests running the TypeScript sources).
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
export const WORKER_FILE_NAME = 'mermaid-worker.js';

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

// --- The worker: one at a time, requests serialised, replaced after a timeout -------------------

let worker: Worker | undefined;
let nextRequestId = 0;
const pending = new Map<number, { resolve(result: MermaidValidation): void; reject(error: Error): void }>();
let queue: Promise<unknown> = Promise.resolve();

function stopWorker(): void {
  const stopping = worker;
  worker = undefined;
  if (stopping) void stopping.terminate();
  for (const { reject } of pending.values()) reject(new Error('mermaid worker stopped'));
  pending.clear();
}

function startWorker(path: string): Worker {
  const started = new Worker(path);
  // Idle workers must not keep the CLI alive; a request in flight refs it again.
  started.unref();
  started.on('message', (reply: WorkerReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if ('failure' in reply) waiting.reject(new Error(reply.failure));
    else waiting.resolve(reply.result);
  });
  started.on('error', (error) => {
    if (worker === started) worker = undefined;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  });
  started.on('exit', () => {
    if (worker === started) worker = undefined;
  });
  return started;
}

function parseInWorker(path: string, source: string): Promise<MermaidValidation> {
  const run = async (): Promise<MermaidValidation> => {
    worker ??= startWorker(path);
    const current = worker;
    const id = ++nextRequestId;
    current.ref();
    try {
      return await new Promise<MermaidValidation>((resolve, reject) => {
        const timer = setTimeout(() => {
          // The parser is stuck in synchronous work: the only way out is to end the thread.
          pending.delete(id);
          if (worker === current) stopWorker();
          else void current.terminate();
          resolve({ ok: true, skipped: 'timeout' });
        }, PARSE_TIMEOUT_MS);
        pending.set(id, {
          resolve: (result) => (clearTimeout(timer), resolve(result)),
          reject: (error) => (clearTimeout(timer), reject(error)),
        });
        current.postMessage({ id, source } satisfies WorkerRequest);
      });
    } finally {
      if (worker === current && pending.size === 0) current.unref();
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

// --- Public entry: memoised ----------------------------------------------------------------------

/** Bounded memo of results by exact source: edits re-lint constantly and most diagrams did not change. */
const CACHE_LIMIT = 1000;
const cache = new Map<string, MermaidValidation>();

export async function validateMermaid(source: string): Promise<MermaidValidation> {
  const cached = cache.get(source);
  if (cached) {
    // Refresh recency so the eviction below drops the least recently used entry.
    cache.delete(source);
    cache.set(source, cached);
    return cached;
  }
  let result: MermaidValidation;
  if (source.length > MAX_VALIDATED_CHARS) result = { ok: true, skipped: 'too-large' };
  else {
    const path = resolveWorkerPath();
    result = path ? await parseInWorker(path, source) : await parseMermaid(source);
  }
  cache.set(source, result);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return result;
}

/** For tests and benchmarks. */
export function clearMermaidValidationCache(): void {
  cache.clear();
}
