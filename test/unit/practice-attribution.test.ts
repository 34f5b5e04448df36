// Time per step: an edit is attributed to the step whose section it lands in, and credits that step
// with the time since the previous edit, capped.
import { describe, expect, it } from 'vitest';
import { creditEdit, IDLE_CAP_MS, shiftSpans, stepAtLine, toMinutes, type StepSpan, type TimeLedger } from '../../client/src/practice/attribution';

// A doc: title (0-3), clarify 4-10, framing 11-15, an unmatched "Notes" heading 16-18, data 19-30 with a
// nested "Labels" subsection of data, model missing, evaluation 31-40; the two checks point at lines too.
const spans: StepSpan[] = [
  { id: 'clarify', kind: 'step', line: 4, endLine: 10 },
  { id: 'framing', kind: 'step', line: 11, endLine: 15 },
  { id: 'data', kind: 'step', line: 19, endLine: 30 },
  { id: 'model', kind: 'step' },
  { id: 'evaluation', kind: 'step', line: 31, endLine: 40 },
  { id: 'metric-gap', kind: 'check', line: 35 },
  { id: 'latency-budget', kind: 'check' },
];

describe('stepAtLine', () => {
  it('finds the step whose section holds the line', () => {
    expect(stepAtLine(spans, 4)).toBe('clarify');
    expect(stepAtLine(spans, 10)).toBe('clarify');
    expect(stepAtLine(spans, 12)).toBe('framing');
    expect(stepAtLine(spans, 25)).toBe('data');
    expect(stepAtLine(spans, 35)).toBe('evaluation');
  });

  it('gives no step before the first section, between unmatched sections, or after the last', () => {
    expect(stepAtLine(spans, 0)).toBeUndefined();
    expect(stepAtLine(spans, 17)).toBeUndefined();
    expect(stepAtLine(spans, 41)).toBeUndefined();
  });

  it('prefers the innermost section when sections nest', () => {
    const nested: StepSpan[] = [
      { id: 'model', kind: 'step', line: 10, endLine: 40 },
      { id: 'evaluation', kind: 'step', line: 30, endLine: 35 },
    ];
    expect(stepAtLine(nested, 32)).toBe('evaluation');
    expect(stepAtLine(nested, 38)).toBe('model');
  });
});

describe('shiftSpans', () => {
  it('moves later sections by the lines an edit added or removed', () => {
    const added = shiftSpans(spans, 12, 3);
    expect(added.find((s) => s.id === 'clarify')).toEqual({ id: 'clarify', kind: 'step', line: 4, endLine: 10 });
    expect(added.find((s) => s.id === 'framing')).toEqual({ id: 'framing', kind: 'step', line: 11, endLine: 18 });
    expect(added.find((s) => s.id === 'data')).toEqual({ id: 'data', kind: 'step', line: 22, endLine: 33 });
    expect(stepAtLine(added, 17)).toBe('framing');
    const removed = shiftSpans(spans, 20, -5);
    expect(removed.find((s) => s.id === 'data')).toEqual({ id: 'data', kind: 'step', line: 19, endLine: 25 });
    expect(removed.find((s) => s.id === 'evaluation')).toEqual({ id: 'evaluation', kind: 'step', line: 26, endLine: 35 });
    expect(shiftSpans(spans, 3, 0)).toEqual(spans);
  });
});

describe('creditEdit', () => {
  it('credits each step with the time since the previous edit, capping idle gaps', () => {
    let ledger: TimeLedger = { stepMs: {} };
    ledger = creditEdit(ledger, 'clarify', 30_000); // first edit: 30 s since the start
    ledger = creditEdit(ledger, 'clarify', 50_000);
    ledger = creditEdit(ledger, 'framing', 60_000);
    ledger = creditEdit(ledger, 'framing', 60_000 + 10 * 60_000); // a ten-minute break counts as the cap
    ledger = creditEdit(ledger, undefined, 60_000 + 10 * 60_000 + 5000); // the title: nobody's time
    ledger = creditEdit(ledger, 'data', 60_000 + 10 * 60_000 + 8000);
    expect(ledger.stepMs).toEqual({ clarify: 50_000, framing: 10_000 + IDLE_CAP_MS, data: 3000 });
    expect(ledger.lastEditElapsedMs).toBe(668_000);
  });

  it('never credits time backwards or for a paused clock', () => {
    const ledger = creditEdit({ stepMs: { data: 1000 }, lastEditElapsedMs: 90_000 }, 'data', 90_000);
    expect(ledger.stepMs.data).toBe(1000);
    const back = creditEdit({ stepMs: {}, lastEditElapsedMs: 90_000 }, 'data', 80_000);
    expect(back.stepMs).toEqual({});
    expect(back.lastEditElapsedMs).toBe(90_000);
  });

  it('reports minutes with one decimal', () => {
    expect(toMinutes(90_000)).toBe(1.5);
    expect(toMinutes(0)).toBe(0);
    expect(toMinutes(612_345)).toBe(10.2);
  });
});
