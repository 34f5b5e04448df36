// One mermaid parser for the whole command line. Left to themselves, lint workers would each start a
// mermaid worker of their own (engine/mermaid/validate.ts): with a worker per core that is mermaid
// loaded once per core (about half a second of CPU and 100 MB each) and as many parser threads as
// lint threads competing for the same cores. Instead each lint worker sends its diagrams over a
// MessagePort to the main thread, which validates them with its own single mermaid worker (time
// limit, heap cap and memo included) and sends the answers back.
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { setMermaidValidator, validateMermaid, type MermaidValidation } from '../engine/mermaid/validate';

interface RelayRequest {
  id: number;
  source: string;
}
type RelayReply = { id: number; result: MermaidValidation } | { id: number; failure: string };

/**
 * Main thread: opens a channel for one lint worker and answers its diagrams. Returns the port to
 * hand to the worker (in its workerData, transferred) and a close() for when the worker goes.
 */
export function openMermaidRelay(): { workerPort: MessagePort; close(): void } {
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (request: RelayRequest) => {
    validateMermaid(request.source).then(
      (result) => port1.postMessage({ id: request.id, result } satisfies RelayReply),
      (error: unknown) => port1.postMessage({ id: request.id, failure: error instanceof Error ? error.message : String(error) } satisfies RelayReply),
    );
  });
  // The channel must not keep the command line alive; the lint worker's requests are what keep it busy.
  port1.unref();
  return { workerPort: port2, close: () => port1.close() };
}

/** Lint worker: parse diagrams through the main thread's relay instead of a mermaid worker of its own. */
export function useMermaidRelay(port: MessagePort): void {
  let nextId = 0;
  const waiting = new Map<number, { resolve(result: MermaidValidation): void; reject(error: Error): void }>();
  port.on('message', (reply: RelayReply) => {
    const request = waiting.get(reply.id);
    if (!request) return;
    waiting.delete(reply.id);
    if ('failure' in reply) request.reject(new Error(reply.failure));
    else request.resolve(reply.result);
    if (waiting.size === 0) port.unref();
  });
  port.unref();
  setMermaidValidator(
    (source) =>
      new Promise<MermaidValidation>((resolve, reject) => {
        const id = ++nextId;
        waiting.set(id, { resolve, reject });
        port.ref();
        port.postMessage({ id, source } satisfies RelayRequest);
      }),
  );
}
