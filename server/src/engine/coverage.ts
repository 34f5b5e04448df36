// Coverage: for each step of the rubric and the two ML checks, present / thin / missing, the
// location that decided it, and for steps their checkpoints and score (judgment/judge.ts).
import { CHECK_IDS, type Coverage, type DesignDoc, type Rubric } from './types';
import { detectLatencyBudget } from './checks/latencyBudget';
import { detectMetricGap } from './checks/metricGap';
import { judgeSteps, type CheckResults } from './judgment/judge';

export function computeCoverage(doc: DesignDoc, rubric: Rubric): Coverage {
  const checks: CheckResults = {};
  if (rubric.mlChecks) {
    checks['metric-gap'] = detectMetricGap(doc);
    checks['latency-budget'] = detectLatencyBudget(doc);
  }
  const coverage = judgeSteps(doc, rubric, checks);
  if (rubric.mlChecks) {
    coverage['metric-gap'] = checks['metric-gap']!;
    coverage['latency-budget'] = checks['latency-budget']!;
  }
  return coverage;
}

/** Coverage ids in a stable order: the rubric's steps, then the checks, then anything else the engine added. */
export function coverageIds(coverage: Coverage, rubric: Rubric | undefined): string[] {
  const ordered = [...(rubric?.steps.map((step) => step.id) ?? []), ...CHECK_IDS].filter((id) => id in coverage);
  return [...ordered, ...Object.keys(coverage).filter((id) => !ordered.includes(id))];
}
