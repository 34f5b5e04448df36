// One mermaid parser for the whole command line. Left to themselves, lint workers would each start a
// mermaid worker of their own (engine/mermaid/validate.ts): with a worker per core that is mermaid
// loaded once per core (about half a second of CPU and 100 MB each) and as many parser threads as
// lint threads competing for the same cores. Instead each lint worker sends its diagrams over a
// MessagePort to the main thread, which validates them with its own single mermaid worker (time
// limit, heap cap and memo included), taking the workers' diagrams in turns, and sends the answers
// back.
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { setMermaidValidator, validateMermaid, type MermaidValidation } from '../engine/mermaid/validate';

interface RelayRequest {
  id: number;
  source: string;
}
type RelayReply = { id: number; result: MermaidValidation } | { id: number; failure: string };

/**
 * Diagrams handed to the mermaid thread at once, from all workers together. Enough to keep it busy
 * (a cached answer comes back at once); few enough that the queue stays here, where it is fair.
 */
export const RELAY_IN_FLIGHT = 4;

interface RelayQueue {
  port: MessagePort;
  waiting: RelayRequest[];
}

/**
 * The workers' diagrams wait here, one queue per worker, and are handed to the mermaid thread in
 * turns. Posting them all straight on would let one file with thousands of diagrams hold every
 * other file's diagrams behind its own, past their --file-timeout; and its diagrams would still
 * be parsed after its worker was stopped. A worker that goes takes its queue with it.
 */
const queues: RelayQueue[] = [];
let turn = 0;
let inFlight = 0;
/** Diagrams the workers have asked for in this run (a file's config may switch mermaid-syntax off). */
let relayed = 0;

/** Whether any lint worker has asked for a diagram yet: until one has, nothing says mermaid-syntax is on. */
export function anyDiagramRelayed(): boolean {
  return relayed > 0;
}

function nextRequest(): { queue: RelayQueue; request: RelayRequest } | undefined {
  for (let tried = 0; tried < queues.length; tried++) {
    const queue = queues[(turn + tried) % queues.length]!;
    const request = queue.waiting.shift();
    if (request) {
      turn = (turn + tried + 1) % queues.length;
      return { queue, request };
    }
  }
  return undefined;
}

function pump(): void {
  while (inFlight < RELAY_IN_FLIGHT) {
    const next = nextRequest();
    if (!next) return;
    const { queue, request } = next;
    inFlight++;
    const reply = (message: RelayReply): void => {
      inFlight--;
      if (queues.includes(queue)) queue.port.postMessage(message);
      pump();
    };
    validateMermaid(request.source).then(
      (result) => reply({ id: request.id, result }),
      (error: unknown) => reply({ id: request.id, failure: error instanceof Error ? error.message : String(error) }),
    );
  }
}

/**
 * Main thread: opens a channel for one lint worker and answers its diagrams. Returns the port to
 * hand to the worker (in its first message, transferred) and a close() for when the worker goes.
 */
export function openMermaidRelay(): { workerPort: MessagePort; close(): void } {
  const { port1, port2 } = new MessageChannel();
  const queue: RelayQueue = { port: port1, waiting: [] };
  queues.push(queue);
  port1.on('message', (request: RelayRequest) => {
    relayed++;
    queue.waiting.push(request);
    pump();
  });
  // The channel must not keep the command line alive; the lint worker's requests are what keep it busy.
  port1.unref();
  const close = (): void => {
    const index = queues.indexOf(queue);
    if (index < 0) return;
    queues.splice(index, 1);
    if (turn > index) turn--;
    if (queues.length) turn %= queues.length;
    else turn = 0;
    port1.close();
  };
  return { workerPort: port2, close };
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
