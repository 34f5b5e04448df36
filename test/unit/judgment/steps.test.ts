// Runs the case table of the step judgment (steps.cases.ts) through createEngine().lint: one named
// test per case; a failure prints every step's status and the checkpoints it lacks.
import { describe, expect, it } from 'vitest';
import { createEngine, type LintResult } from '../../../server/src/engine';
import { duplicateTexts } from './caseTable';
import { CASES, KNOWN_GAPS, type StepsCase } from './steps.cases';

const engine = createEngine();

/** "<doc's first lines> → clarify=thin serving=present (why)": the expectation compact, the doc shortened. */
function rows(cases: StepsCase[]): [string, StepsCase][] {
  return cases.map((c) => {
    let text = JSON.stringify(c.text);
    if (text.length > 60) text = `${text.slice(0, 56)}…"`;
    const expected = [
      ...Object.entries(c.expected).map(([k, v]) => `${k}=${v}`),
      ...(c.readiness?.below !== undefined ? [`readiness<${c.readiness.below}`] : []),
      ...(c.readiness?.atLeast !== undefined ? [`readiness>=${c.readiness.atLeast}`] : []),
    ].join(' ');
    return [`${text} → ${expected} (${c.why})`, c];
  });
}

function summary(result: LintResult): string {
  return Object.entries(result.coverage)
    .map(([id, e]) => `${id}: ${e.status}${e.score !== undefined ? ` (score ${e.score})` : ''} - ${e.reason ?? ''}`)
    .join('\n');
}

async function statuses(c: StepsCase): Promise<{ actual: Record<string, string | undefined>; result: LintResult }> {
  const result = await engine.lint(c.text);
  return { actual: Object.fromEntries(Object.keys(c.expected).map((k) => [k, result.coverage[k]?.status])), result };
}

describe('steps: status from substance', () => {
  it('the table has no doc twice', () => expect(duplicateTexts(CASES, KNOWN_GAPS)).toEqual([]));
  it.each(rows(CASES))('%s', async (_, c) => {
    const { actual, result } = await statuses(c);
    expect(actual, summary(result)).toEqual(c.expected);
    if (c.readiness?.below !== undefined) expect(result.readiness, summary(result)).toBeLessThan(c.readiness.below);
    if (c.readiness?.atLeast !== undefined) expect(result.readiness, summary(result)).toBeGreaterThanOrEqual(c.readiness.atLeast);
  });
});

describe.skipIf(KNOWN_GAPS.length === 0)('steps: known gaps (fail today)', () => {
  it.fails.each(rows(KNOWN_GAPS))('%s', async (_, c) => expect((await statuses(c)).actual).toEqual(c.expected));
});
