// Runs the case table of the latency budget check (latency.cases.ts): one named test per case.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../server/src/engine';
import { detectLatencyBudget } from '../../../server/src/engine/checks/latencyBudget';
import { duplicateTexts, rows } from './caseTable';
import { CASES, KNOWN_GAPS } from './latency.cases';

const engine = createEngine();
const status = (text: string): string => detectLatencyBudget(engine.parse(text)).status;

describe('latency budget: a number for the serving path', () => {
  it('the table has no text twice', () => expect(duplicateTexts(CASES, KNOWN_GAPS)).toEqual([]));
  it.each(rows(CASES))('%s', (_, c) => expect(status(c.text)).toBe(c.expected));
});

describe.skipIf(KNOWN_GAPS.length === 0)('latency budget: known gaps (fail today)', () => {
  it.fails.each(rows(KNOWN_GAPS))('%s', (_, c) => expect(status(c.text)).toBe(c.expected));
});
