// The command line's mermaid relay (server/src/cli/mermaid-relay.ts): every lint worker's diagrams go
// to the main thread's one validator, in turns, a few at a time; a worker that goes takes its queue
// with it. The validator is a stand-in that answers when the test says, so the order is exact.
import type { MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { openMermaidRelay, RELAY_IN_FLIGHT } from '../../server/src/cli/mermaid-relay';
import { clearMermaidValidationCache, setMermaidValidator, type MermaidValidation } from '../../server/src/engine/mermaid/validate';

interface Pending {
  source: string;
  answer(result: MermaidValidation): void;
}

function standInValidator(): { started: string[]; pending: Pending[] } {
  const started: string[] = [];
  const pending: Pending[] = [];
  setMermaidValidator(
    (source) =>
      new Promise((resolve) => {
        started.push(source);
        pending.push({ source, answer: resolve });
      }),
  );
  return { started, pending };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Sends diagrams as a lint worker would, and collects the answers by id. */
function workerSide(port: MessagePort): { send(id: number, source: string): void; answers: Map<number, unknown> } {
  const answers = new Map<number, unknown>();
  port.on('message', (reply: { id: number }) => answers.set(reply.id, reply));
  return { send: (id, source) => port.postMessage({ id, source }), answers };
}

/** Two lint workers' relays and the stand-in validator; everything is closed and answered after each test. */
let cleanup: (() => void) | undefined;
function twoWorkers() {
  const validator = standInValidator();
  const a = openMermaidRelay();
  const b = openMermaidRelay();
  cleanup = () => {
    a.close();
    b.close();
    for (const p of validator.pending) p.answer({ ok: true });
    a.workerPort.close();
    b.workerPort.close();
  };
  return { ...validator, a, b, workerA: workerSide(a.workerPort), workerB: workerSide(b.workerPort) };
}

afterEach(() => {
  cleanup?.();
  cleanup = undefined;
  setMermaidValidator(undefined);
  clearMermaidValidationCache();
});

describe('the mermaid relay', () => {
  it('takes the workers\u2019 diagrams in turns, a few at a time, so one file with many cannot hold back another', async () => {
    const { started, pending, workerA, workerB } = twoWorkers();
    for (let i = 0; i < 40; i++) workerA.send(i, `flowchart LR\n  A${i} --> B${i}`);
    await tick();
    expect(started).toHaveLength(RELAY_IN_FLIGHT);
    workerB.send(1, 'flowchart LR\n  X --> Y');
    await tick();
    // Answer one diagram: the next slot goes to worker B, not to A's 37th.
    pending.shift()!.answer({ ok: true, diagramType: 'flowchart-v2' });
    await tick();
    expect(started.at(-1)).toBe('flowchart LR\n  X --> Y');
    expect(started).toHaveLength(RELAY_IN_FLIGHT + 1);
    pending.find((p) => p.source.includes('X --> Y'))!.answer({ ok: false });
    await tick();
    expect(workerB.answers.get(1)).toEqual({ id: 1, result: { ok: false } });
    expect(workerA.answers.get(0)).toEqual({ id: 0, result: { ok: true, diagramType: 'flowchart-v2' } });
  });

  it('drops the diagrams of a worker that went (stopped on --file-timeout): they are never parsed', async () => {
    const { started, pending, a, workerA, workerB } = twoWorkers();
    for (let i = 0; i < 30; i++) workerA.send(i, `flowchart TD\n  P${i} --> Q${i}`);
    await tick();
    a.close();
    workerB.send(7, 'flowchart TD\n  M --> N');
    // The diagrams in flight finish; what A still had waiting is gone, and B's goes next.
    for (let i = 0; i < RELAY_IN_FLIGHT; i++) pending.shift()!.answer({ ok: true });
    await tick();
    expect(started.filter((source) => source.includes(' P'))).toHaveLength(RELAY_IN_FLIGHT);
    expect(started.at(-1)).toBe('flowchart TD\n  M --> N');
    pending.shift()!.answer({ ok: true, diagramType: 'flowchart-v2' });
    await tick();
    expect(workerB.answers.get(7)).toEqual({ id: 7, result: { ok: true, diagramType: 'flowchart-v2' } });
    expect(workerA.answers.size).toBe(0);
  });
});
