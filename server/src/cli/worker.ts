// The lint worker: a thread that owns one engine and checks the files the main thread sends it, one at a time.
// The main thread can terminate it when a file takes too long (see isolated-linter.ts).
import { parentPort } from 'node:worker_threads';
import { createEngine } from '../engine/engine';
import { lintOneFile, type LintRequest } from './lint-file';

export const WORKER_ROLE = 'mlsd-lint-worker';
/** Posted once by a fresh worker when it is loaded and warmed up, before any request. */
export const WORKER_READY = 'mlsd-lint-worker-ready';

export function runLintWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runLintWorker() must run in a worker thread');
  const engine = createEngine();
  port.on('message', (request: LintRequest) => {
    void lintOneFile(engine, request).then((response) => port.postMessage(response));
  });
  // The first lint of a thread pays for loading and compiling the parser and the rules: pay it on a
  // tiny doc before saying ready, so that --file-timeout counts only a file's own work.
  void engine
    .lint('# Warm-up\n\n## Model\n\nText.\n')
    .catch(() => undefined)
    .finally(() => port.postMessage(WORKER_READY));
}
