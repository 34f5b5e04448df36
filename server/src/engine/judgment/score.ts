// The score of a step and the readiness of a file: one formula, documented in docs/judgment.md.
//
//   step score: 0 missing, 1 thin, 2 present, 3 strong (present, and at least STRONG_SHARE of the
//               step's applicable checkpoints met; a present step with no checkpoints to ask for, as
//               in a custom rubric that declares none, is strong).
//   readiness:  round(100 × (Σ step scores + CHECK_WEIGHT × checks present) / (3 × steps + CHECK_WEIGHT × checks)),
//               the checks being metric-gap and latency-budget when the rubric has them.
import type { CheckpointResult, Coverage, CoverageStatus, StepScore, Rubric } from '../types';
import { CHECK_IDS } from '../types';

/** Share of applicable checkpoints a present step must meet to be strong. */
export const STRONG_SHARE = 0.6;
/** Each of the two checks weighs as much as half a step's full score. */
export const CHECK_WEIGHT = 1.5;

export function scoreStep(status: CoverageStatus, checkpoints: readonly CheckpointResult[] | undefined): StepScore {
  if (status === 'missing') return 0;
  if (status === 'thin') return 1;
  if (!checkpoints?.length) return 3;
  const met = checkpoints.filter((c) => c.met).length;
  return met / checkpoints.length >= STRONG_SHARE ? 3 : 2;
}

export function readiness(coverage: Coverage, rubric: Rubric, checksOff: ReadonlySet<string> = new Set()): number {
  let got = 0;
  let max = 0;
  for (const step of rubric.steps) {
    const entry = coverage[step.id];
    got += entry?.score ?? scoreStep(entry?.status ?? 'missing', entry?.checkpoints);
    max += 3;
  }
  if (rubric.mlChecks) {
    for (const id of CHECK_IDS) {
      // A check whose rule is turned off is not asked for, so it neither adds nor costs.
      if (!(id in coverage) || checksOff.has(id)) continue;
      max += CHECK_WEIGHT;
      if (coverage[id].status === 'present') got += CHECK_WEIGHT;
    }
  }
  return max ? Math.round((100 * got) / max) : 0;
}

/** Interview rubric bands for a score or a readiness, as the debrief shows them. */
export function scoreBand(score: StepScore): 'missing' | 'weak' | 'solid' | 'strong' {
  return (['missing', 'weak', 'solid', 'strong'] as const)[score];
}

export function readinessBand(value: number): 'not ready' | 'getting there' | 'ready' | 'strong' {
  if (value >= 85) return 'strong';
  if (value >= 65) return 'ready';
  if (value >= 35) return 'getting there';
  return 'not ready';
}
