// Runs the case table of metricsIn (metrics.cases.ts): one named test per case.
import { describe, expect, it } from 'vitest';
import { metricsIn } from '../../../server/src/engine/metrics';
import { caseName } from './caseTable';
import { CASES, KNOWN_GAPS, type MetricCase } from './metrics.cases';

const rows = (cases: MetricCase[]): [string, MetricCase][] => cases.map((c) => [`${c.inEvaluation ? '[in evaluation] ' : ''}${caseName(c)}`, c]);
const names = (c: MetricCase): string[] => [...new Set(metricsIn(c.text, { inEvaluation: c.inEvaluation }).map((m) => m.metric.name))];

describe('metricsIn: the metric catalogue', () => {
  it('the table has no (text, context) pair twice', () => {
    const keys = [...CASES, ...KNOWN_GAPS].map((c) => `${!!c.inEvaluation} ${c.text}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
  it.each(rows(CASES))('%s', (_, c) => expect(names(c)).toEqual(c.expected));
});

describe.skipIf(KNOWN_GAPS.length === 0)('metricsIn: known gaps (fail today)', () => {
  it.fails.each(rows(KNOWN_GAPS))('%s', (_, c) => expect(names(c)).toEqual(c.expected));
});
