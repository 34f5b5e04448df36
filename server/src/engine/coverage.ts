// Coverage: for each step of the template and the two ML checks, present / thin / missing, the
// location that decided it, and for steps their checkpoints and score (judgment/judge.ts).
import { CHECK_IDS, type Coverage, type DesignDoc, type Rubric } from './types';
import { detectLatencyBudget } from './checks/latencyBudget';
import { detectMetricGap } from './checks/metricGap';
import { judgeSteps, type CheckResults } from './judgment/judge';

export function computeCoverage(doc: DesignDoc, template: Rubric): Coverage {
  const checks: CheckResults = {};
  if (template.mlChecks) {
    checks['metric-gap'] = detectMetricGap(doc);
    checks['latency-budget'] = detectLatencyBudget(doc);
  }
  const coverage = judgeSteps(doc, template, checks);
  if (template.mlChecks) {
    coverage['metric-gap'] = checks['metric-gap']!;
    coverage['latency-budget'] = checks['latency-budget']!;
  }
  return coverage;
}

/** Coverage ids in a stable order: the template's steps, then the checks, then anything else the engine added. */
export function coverageIds(coverage: Coverage, template: Rubric | undefined): string[] {
  const ordered = [...(template?.steps.map((step) => step.id) ?? []), ...CHECK_IDS].filter((id) => id in coverage);
  return [...ordered, ...Object.keys(coverage).filter((id) => !ordered.includes(id))];
}
