// The practice plan: phase minutes for 45/50/60-minute rounds, the settings, and the clock's position.
import { describe, expect, it } from 'vitest';
import { buildPlan, buildRetryPlan, clockLabel, clockPosition, DEFAULT_PHASE_MINUTES, elapsedMs, formatClock, normalisePhaseMinutes, planTotalMinutes } from '../../client/src/practice/plan';
import { AWAY_MS, restoredClock } from '../../client/src/practice/records';

const minutes = (length: number, base = DEFAULT_PHASE_MINUTES) => Object.fromEntries(buildPlan(length, base).map((p) => [p.stepId, p.minutes]));

describe('phase plan', () => {
  it("is DOMAIN.md's 50-minute allotment in the seven steps' order", () => {
    const plan = buildPlan(50);
    expect(plan.map((p) => p.stepId)).toEqual(['clarify', 'framing', 'data', 'model', 'evaluation', 'serving', 'monitoring']);
    expect(plan.map((p) => p.minutes)).toEqual([5, 5, 10, 10, 5, 10, 5]);
  });

  it('a 45-minute round trims data, serving and monitoring only', () => {
    const m = minutes(45);
    expect(planTotalMinutes(buildPlan(45))).toBe(45);
    expect(m).toMatchObject({ clarify: 5, framing: 5, model: 10, evaluation: 5 });
    expect(m.data).toBeLessThan(10);
    expect(m.serving).toBeLessThan(10);
    expect(m.monitoring).toBeLessThanOrEqual(5);
    expect(m).toEqual({ clarify: 5, framing: 5, data: 8, model: 10, evaluation: 5, serving: 8, monitoring: 4 });
  });

  it('a 60-minute round scales every phase and keeps the exact total', () => {
    expect(minutes(60)).toEqual({ clarify: 6, framing: 6, data: 12, model: 12, evaluation: 6, serving: 12, monitoring: 6 });
    for (const length of [45, 50, 55, 60, 61, 90]) expect(planTotalMinutes(buildPlan(length))).toBe(length);
  });

  it('follows the phaseMinutes setting, ignoring values that are not minutes', () => {
    const base = normalisePhaseMinutes({ clarify: 8, data: 'ten', model: -3, serving: 500, evaluation: 7.4 });
    expect(base).toEqual({ ...DEFAULT_PHASE_MINUTES, clarify: 8, evaluation: 7 });
    expect(normalisePhaseMinutes(null)).toEqual(DEFAULT_PHASE_MINUTES);
    expect(normalisePhaseMinutes([1, 2])).toEqual(DEFAULT_PHASE_MINUTES);
    expect(planTotalMinutes(buildPlan(60, base))).toBe(60);
    // A plan whose trimmed phases cannot absorb the cut shrinks every phase, each keeping a minute.
    const tiny = buildPlan(10, base);
    expect(planTotalMinutes(tiny)).toBe(10);
    expect(tiny.every((p) => p.minutes >= 1)).toBe(true);
  });

  it("a retry is one phase of the step's minutes, at least five", () => {
    expect(buildRetryPlan('evaluation')).toEqual([{ stepId: 'evaluation', title: 'Evaluation', minutes: 5 }]);
    expect(buildRetryPlan('data')[0]!.minutes).toBe(10);
    expect(buildRetryPlan('clarify', normalisePhaseMinutes({ clarify: 2 }))[0]!.minutes).toBe(5);
  });
});

describe('clock', () => {
  const plan = buildPlan(45);

  it('counts elapsed time without pauses, frozen while paused', () => {
    expect(elapsedMs({ startedAt: 1000, pausedMs: 0 }, 61_000)).toBe(60_000);
    expect(elapsedMs({ startedAt: 1000, pausedMs: 20_000 }, 61_000)).toBe(40_000);
    expect(elapsedMs({ startedAt: 1000, pausedMs: 0, pausedAt: 31_000 }, 999_000)).toBe(30_000);
    expect(elapsedMs({ startedAt: 5000, pausedMs: 0 }, 1000)).toBe(0);
  });

  it('places the clock in its phase, with the time left and the phases finished', () => {
    expect(clockPosition(plan, 0)).toMatchObject({ phaseIndex: 0, remainingMs: 5 * 60_000, finishedPhases: 0 });
    const inData = clockPosition(plan, (5 + 5 + 1.8) * 60_000 + 500);
    expect(inData).toMatchObject({ phaseIndex: 2, finishedPhases: 2 });
    expect(clockLabel(plan, inData)).toBe('Data · 06:12');
    // Exactly at a boundary the next phase has begun.
    expect(clockPosition(plan, 5 * 60_000).phaseIndex).toBe(1);
    const over = clockPosition(plan, 47 * 60_000 + 10_000);
    expect(over).toMatchObject({ phaseIndex: 7, finishedPhases: 7, remainingMs: 0, overtimeMs: 130_000 });
    expect(clockLabel(plan, over)).toBe('Overtime · +02:10');
  });

  it('formats minutes and seconds, rounding up', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(1)).toBe('00:01');
    expect(formatClock(372_000)).toBe('06:12');
    expect(formatClock(3_723_000)).toBe('1:02:03');
  });
});

describe('restoring a session', () => {
  const clock = { startedAt: 1_000_000, pausedMs: 0 };
  it('runs on after a reload', () => {
    expect(restoredClock(clock, 1_300_000, 1_305_000)).toEqual({ clock, pausedWhileAway: false });
    expect(restoredClock(clock, undefined, 9_999_999)).toEqual({ clock, pausedWhileAway: false });
  });
  it('is paused at its last tick when VS Code was closed, so the absence is not counted', () => {
    const { clock: restored, pausedWhileAway } = restoredClock(clock, 1_300_000, 1_300_000 + AWAY_MS + 1);
    expect(pausedWhileAway).toBe(true);
    expect(restored).toEqual({ startedAt: 1_000_000, pausedMs: 0, pausedAt: 1_300_000 });
    expect(elapsedMs(restored, 50_000_000)).toBe(300_000);
  });
  it('leaves a paused clock as it was', () => {
    const paused = { ...clock, pausedAt: 1_100_000 };
    expect(restoredClock(paused, 1_300_000, 99_000_000)).toEqual({ clock: paused, pausedWhileAway: false });
  });
});
