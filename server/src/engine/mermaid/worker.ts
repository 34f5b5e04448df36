// Worker-thread entry (bundled to dist/mermaid-worker.js): parses diagrams off the main thread
// so a pathological diagram cannot freeze the language server; validate.ts enforces a timeout.
import { parentPort } from 'node:worker_threads';
import { parseMermaid } from './parse';

export interface WorkerRequest {
  id: number;
  source: string;
}
export type WorkerReply = { id: number; result: Awaited<ReturnType<typeof parseMermaid>> } | { id: number; failure: string };

parentPort?.on('message', (request: WorkerRequest) => {
  parseMermaid(request.source).then(
    (result) => parentPort!.postMessage({ id: request.id, result } satisfies WorkerReply),
    (error: unknown) => parentPort!.postMessage({ id: request.id, failure: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
  );
});
