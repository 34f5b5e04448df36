// Shared by the hint rules that stand for one checkpoint of the rubric (a baseline in the model step,
// the training cadence, batch vs streaming data): one reading of the doc, the checkpoint results the
// judgment computed, instead of a word list of their own.
import type { RuleContext } from '../types';
import { anchorFor } from './hint-util';

/**
 * Reports `message` on the step when its checkpoint is not met (inside the step's own sections, unless
 * `anywhere`: a baseline belongs to the model step, a retraining cadence may be stated under monitoring).
 * Quiet when the step is missing or thin: missing-step and thin-step already name what it lacks, and
 * one heading carries one finding.
 */
export function hintUnlessMet(ctx: RuleContext, stepId: string, checkpointId: string, where: { anywhere: boolean }, message: string, detail: string): void {
  const entry = ctx.coverage[stepId];
  if (!entry || entry.status !== 'present') return;
  const checkpoint = entry.checkpoints?.find((c) => c.id === checkpointId);
  if (!checkpoint || (checkpoint.met && (where.anywhere || checkpoint.inStep !== false))) return;
  ctx.report({ message, detail, range: anchorFor(ctx, stepId), stepId });
}
