// Worker-thread entry (bundled to dist/mermaid-worker/worker.mjs): parses diagrams off the main thread
// so a pathological diagram cannot freeze the language server; validate.ts enforces a timeout.
// Requests are answered one at a time, in order, and the request being parsed is published in
// the shared `progress` array so that validate.ts can tell how long it has been running.
import { parentPort, workerData } from 'node:worker_threads';
import { parseMermaid } from './parse';
import { lowerThreadPriority } from './threadPriority';

// Parsing diagrams must not slow down the threads someone waits for (threadPriority.ts).
if (parentPort) lowerThreadPriority();

export interface WorkerRequest {
  id: number;
  source: string;
}
export type WorkerReply = { id: number; result: Awaited<ReturnType<typeof parseMermaid>> } | { id: number; failure: string };

const progress = (workerData as { progress?: BigInt64Array } | undefined)?.progress;

async function answer(request: WorkerRequest): Promise<void> {
  if (progress) {
    // The start time first: validate.ts reads the id first, so it never pairs a new id with an old time.
    Atomics.store(progress, 1, BigInt(Date.now()));
    Atomics.store(progress, 0, BigInt(request.id));
  }
  try {
    parentPort!.postMessage({ id: request.id, result: await parseMermaid(request.source) } satisfies WorkerReply);
  } catch (error) {
    parentPort!.postMessage({ id: request.id, failure: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
  } finally {
    if (progress) Atomics.store(progress, 0, 0n);
  }
}

let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (request: WorkerRequest) => {
  queue = queue.then(() => answer(request));
});
