// The lint worker: a thread that owns one engine and checks the files the main thread sends it, one at a time.
// The main thread can terminate it when a file takes too long (see isolated-linter.ts). It is started
// (worker-start.ts) before the main thread knows the run's options, which come in its first message.
import { parentPort, type MessagePort } from 'node:worker_threads';
import { createEngine } from '../engine/engine';
import { DEFAULT_RUBRIC } from '../engine/vocabulary';
import { lintOneFile, type ConfigMemo, type LintRequest, type LintResponse } from './lint-file';
import { useMermaidRelay } from './mermaid-relay';

/** The type of the first message a worker gets (LintWorkerInit). */
export const WORKER_INIT = 'mlsd-lint-worker-init';
/** Posted once by a fresh worker when it is loaded and warmed up, before any request. */
export const WORKER_READY = 'mlsd-lint-worker-ready';

/** Every step, a table, a list and the two checks: the first lint compiles the code that each of them runs. */
const WARM_UP_DOC = [
  '# Warm-up',
  '',
  '## 1. Clarify requirements',
  '',
  'Business objective: more watch time for 10M daily users at 5k QPS. Which regions? We assume a year of logs.',
  '',
  '## 2. Frame the problem as an ML task',
  '',
  'Predict the probability of a click; input: user and item features; output: a score. Learning to rank.',
  '',
  '## 3. Data preparation',
  '',
  '- Logs in the data lake (batch) and events through Kafka (streaming); labels from clicks, negatives sampled.',
  '',
  '## 4. Model development',
  '',
  'Baseline: logistic regression, then a two-tower model and a ranker; cross-entropy loss; retrained daily.',
  '',
  '## 5. Evaluation',
  '',
  '| Offline | Online |',
  '| --- | --- |',
  '| AUC, NDCG@10 | CTR in an A/B test |',
  '',
  'Offline and online disagree because of position bias in the logs.',
  '',
  '## 6. Deployment and serving',
  '',
  'Online prediction; p99 < 200 ms end to end, ranking 100 ms.',
  '',
  '## 7. Monitoring',
  '',
  'Data drift, prediction drift, alerts and retraining triggers. TBD',
  '',
].join('\n');

/** What the main thread tells a lint worker before any file: its first message. */
export interface LintWorkerInit {
  type: typeof WORKER_INIT;
  /**
   * Lint a small doc before saying ready. The first lint of a thread pays for compiling the parser
   * and the rules (a few hundred ms on a loaded machine): with a short --file-timeout that must not
   * count against the first file; with a long one it is noise, and skipping it saves that much of a
   * single-file run.
   */
  warmUp: boolean;
  /** Where to send mermaid diagrams (mermaid-relay.ts): the main thread validates them for every worker. */
  mermaidPort?: MessagePort;
}

export function runLintWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runLintWorker() must run in a worker thread');
  port.once('message', (init: LintWorkerInit) => {
    // Anything else first is a bug in the main thread: failing here is answered as "could not start".
    if (init?.type !== WORKER_INIT) throw new Error(`a lint worker needs its settings first, got ${JSON.stringify(init)}`);
    serve(port, init);
  });
}

function serve(port: MessagePort, data: LintWorkerInit): void {
  if (data.mermaidPort) useMermaidRelay(data.mermaidPort);
  const engine = createEngine();
  // The main thread sends the next file before this one is answered (isolated-linter.ts): check them
  // one at a time, in the order received, and answer in that order.
  let queue = Promise.resolve();
  const configs: ConfigMemo = new Map();
  port.on('message', (request: LintRequest) => {
    queue = queue.then(() => lintOneFile(engine, request, configs).then((response) => port.postMessage(toWire(response))));
  });
  if (!data.warmUp) {
    port.postMessage(WORKER_READY);
    return;
  }
  void engine
    .lint(WARM_UP_DOC)
    .catch(() => undefined)
    .finally(() => port.postMessage(WORKER_READY));
}

/**
 * A response as posted to the main thread. The default rubric (every step's vocabulary and
 * checkpoints, tens of KB) is the same object for nearly every file: it is named, not copied, and the
 * main thread puts its own copy back (fromWire), which saves a structured clone per file.
 */
export type WireResponse = LintResponse & { defaultRubric?: true };

export function toWire(response: LintResponse): WireResponse {
  if (response.report.rubric !== DEFAULT_RUBRIC) return response;
  const { rubric: _rubric, ...report } = response.report;
  return { ...response, report, defaultRubric: true };
}

export function fromWire(wire: WireResponse): LintResponse {
  const { defaultRubric, ...response } = wire;
  return defaultRubric ? { ...response, report: { ...response.report, rubric: DEFAULT_RUBRIC } } : response;
}
