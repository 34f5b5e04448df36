// The phase plan of a practice session, as pure functions (no `vscode`): which step is timed
// when, how long each phase lasts for a 45- or 60-minute round, and where the clock stands.
//
// The base plan is DOMAIN.md's 50-minute allotment (clarify 5, framing 5, data 10, model 10,
// evaluation 5, serving 10, monitoring 5), overridable with `mlsd.practice.phaseMinutes`. A
// shorter round trims data, serving and monitoring (the phases interviewers cut first); a longer
// one scales every phase, keeping whole minutes and the exact total.

// The step ids, the default minutes and the normaliser of `mlsd.practice.phaseMinutes` are defined
// with the setting (server/src/settings/definitions.ts); re-exported here for the plan's users.
import { DEFAULT_STEP_IDS } from '../../../server/src/engine/types';
import { DEFAULT_PHASE_MINUTES, normalisePhaseMinutes } from '../../../server/src/settings/definitions';

export { DEFAULT_PHASE_MINUTES, normalisePhaseMinutes };
export const PRACTICE_STEP_IDS = DEFAULT_STEP_IDS;
export type PracticeStepId = (typeof PRACTICE_STEP_IDS)[number];

/** The phases a shorter round trims first, in DOMAIN.md's words. */
export const TRIMMED_FIRST: readonly PracticeStepId[] = ['data', 'serving', 'monitoring'];

export const SESSION_LENGTHS = [45, 60] as const;

export interface Phase {
  stepId: string;
  title: string;
  minutes: number;
}

export const STEP_TITLES: Readonly<Record<string, string>> = {
  clarify: 'Clarify requirements',
  framing: 'Frame as an ML task',
  data: 'Data preparation',
  model: 'Model development',
  evaluation: 'Evaluation',
  serving: 'Deployment and serving',
  monitoring: 'Monitoring',
};

/** Short phase names for the status bar ("Data · 06:12"). */
export const STEP_SHORT: Readonly<Record<string, string>> = {
  clarify: 'Clarify',
  framing: 'Framing',
  data: 'Data',
  model: 'Model',
  evaluation: 'Evaluation',
  serving: 'Serving',
  monitoring: 'Monitoring',
};

/** Spreads `total` whole minutes over `weights` in proportion, largest remainders first, each at least `min`. */
function apportion(weights: readonly number[], total: number, min: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const out = exact.map((x) => Math.max(min, Math.floor(x)));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length]!.i]!++;
  // Minimums may have overshot: take back from the largest phases.
  while (left < 0) {
    const largest = out.indexOf(Math.max(...out));
    if (out[largest]! <= min) break;
    out[largest]!--;
    left++;
  }
  return out;
}

/**
 * The phases of a full round of `lengthMinutes`. Equal to the base total: the base plan. Shorter:
 * the trimmed-first phases absorb the cut (the others keep their minutes), each keeping at least a
 * minute; if that is not enough, every phase shrinks in proportion. Longer: every phase grows in
 * proportion.
 */
export function buildPlan(lengthMinutes: number, base: Readonly<Record<PracticeStepId, number>> = DEFAULT_PHASE_MINUTES): Phase[] {
  const ids = [...PRACTICE_STEP_IDS];
  const baseMinutes = ids.map((id) => base[id]);
  const baseTotal = baseMinutes.reduce((a, b) => a + b, 0);
  const length = Math.max(ids.length, Math.round(lengthMinutes));
  let minutes: number[];
  if (length === baseTotal) {
    minutes = baseMinutes;
  } else if (length < baseTotal) {
    const trimIdx = ids.map((id, i) => (TRIMMED_FIRST.includes(id) ? i : -1)).filter((i) => i >= 0);
    const kept = baseTotal - trimIdx.reduce((a, i) => a + baseMinutes[i]!, 0);
    const room = length - kept;
    if (room >= trimIdx.length) {
      const trimmed = apportion(
        trimIdx.map((i) => baseMinutes[i]!),
        room,
        1,
      );
      minutes = [...baseMinutes];
      trimIdx.forEach((i, k) => (minutes[i] = trimmed[k]!));
    } else {
      minutes = apportion(baseMinutes, length, 1);
    }
  } else {
    minutes = apportion(baseMinutes, length, 1);
  }
  return ids.map((id, i) => ({ stepId: id, title: STEP_TITLES[id]!, minutes: minutes[i]! }));
}

/** A retry of one step: a single phase of the step's planned minutes (at least 5). */
export function buildRetryPlan(stepId: string, base: Readonly<Record<PracticeStepId, number>> = DEFAULT_PHASE_MINUTES): Phase[] {
  const minutes = Math.max(5, (base as Record<string, number>)[stepId] ?? 10);
  return [{ stepId, title: STEP_TITLES[stepId] ?? stepId, minutes }];
}

export function planTotalMinutes(phases: readonly Phase[]): number {
  return phases.reduce((sum, phase) => sum + phase.minutes, 0);
}

export interface ClockState {
  /** Epoch ms of the start. */
  startedAt: number;
  /** Total ms spent paused, not counting a pause in progress. */
  pausedMs: number;
  /** Epoch ms the current pause began, if paused. */
  pausedAt?: number;
}

export function elapsedMs(clock: ClockState, now: number): number {
  const until = clock.pausedAt ?? now;
  return Math.max(0, until - clock.startedAt - clock.pausedMs);
}

export interface ClockPosition {
  /** Index of the current phase; equals phases.length once the plan is over (overtime). */
  phaseIndex: number;
  /** Ms left in the current phase (0 in overtime). */
  remainingMs: number;
  /** Ms past the end of the plan (0 before). */
  overtimeMs: number;
  elapsedMs: number;
  totalMs: number;
  /** Phases whose time is up. */
  finishedPhases: number;
}

export function clockPosition(phases: readonly Phase[], elapsed: number): ClockPosition {
  let end = 0;
  const totalMs = planTotalMinutes(phases) * 60_000;
  for (let i = 0; i < phases.length; i++) {
    end += phases[i]!.minutes * 60_000;
    if (elapsed < end) return { phaseIndex: i, remainingMs: end - elapsed, overtimeMs: 0, elapsedMs: elapsed, totalMs, finishedPhases: i };
  }
  return { phaseIndex: phases.length, remainingMs: 0, overtimeMs: elapsed - totalMs, elapsedMs: elapsed, totalMs, finishedPhases: phases.length };
}

/** "06:12"; hours only when needed ("1:02:03"). Rounds up, so a phase never shows 00:00 while it runs. */
export function formatClock(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** The status bar text for a position: "Data · 06:12", or "Overtime · +02:10". */
export function clockLabel(phases: readonly Phase[], position: ClockPosition): string {
  if (position.phaseIndex >= phases.length) return `Overtime · +${formatClock(position.overtimeMs)}`;
  const phase = phases[position.phaseIndex]!;
  return `${STEP_SHORT[phase.stepId] ?? phase.title} · ${formatClock(position.remainingMs)}`;
}
