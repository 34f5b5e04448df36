// The lint worker: a thread that owns one engine and checks the files the main thread sends it, one at a time.
// The main thread can terminate it when a file takes too long (see isolated-linter.ts).
import { parentPort } from 'node:worker_threads';
import { createEngine } from '../engine/engine';
import { lintOneFile, type LintRequest } from './lint-file';

export const WORKER_ROLE = 'mlsd-lint-worker';

export function runLintWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runLintWorker() must run in a worker thread');
  const engine = createEngine();
  port.on('message', (request: LintRequest) => {
    void lintOneFile(engine, request).then((response) => port.postMessage(response));
  });
}
