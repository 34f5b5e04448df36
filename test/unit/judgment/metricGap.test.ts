// Runs the case table of the metric-gap check (metricGap.cases.ts): one named test per case.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../server/src/engine';
import { detectMetricGap } from '../../../server/src/engine/checks/metricGap';
import { duplicateTexts, rows } from './caseTable';
import { CASES, KNOWN_GAPS } from './metricGap.cases';

const engine = createEngine();
const status = (text: string): string => detectMetricGap(engine.parse(text)).status;

describe('metric gap: why offline and online metrics disagree', () => {
  it('the table has no text twice', () => expect(duplicateTexts(CASES, KNOWN_GAPS)).toEqual([]));
  it.each(rows(CASES))('%s', (_, c) => expect(status(c.text)).toBe(c.expected));
});

describe.skipIf(KNOWN_GAPS.length === 0)('metric gap: known gaps (fail today)', () => {
  it.fails.each(rows(KNOWN_GAPS))('%s', (_, c) => expect(status(c.text)).toBe(c.expected));
});
