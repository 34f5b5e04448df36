// The rule catalogue, in the order findings are documented. One file per rule.
// Generated from the rule files by `node scripts/gen-rule-index.mjs`: do not edit.
import type { Rule } from '../types';
import { missingStepRule } from './missing-step';
import { thinStepRule } from './thin-step';
import { unfilledPlaceholderRule } from './unfilled-placeholder';
import { stepOrderRule } from './step-order';
import { metricGapRule } from './metric-gap';
import { evaluationMetricsRule } from './evaluation-metrics';
import { latencyBudgetRule } from './latency-budget';
import { mermaidSyntaxRule } from './mermaid-syntax';
import { dataBatchStreamingRule } from './data-batch-streaming';
import { modelBaselineRule } from './model-baseline';
import { modelTrainingCadenceRule } from './model-training-cadence';
import { clarifyingQuestionsRule } from './clarifying-questions';
import { architectureDiagramRule } from './architecture-diagram';
import { parseLimitRule } from './parse-limit';

export const ALL_RULES: readonly Rule[] = [
  missingStepRule,
  thinStepRule,
  unfilledPlaceholderRule,
  stepOrderRule,
  metricGapRule,
  evaluationMetricsRule,
  latencyBudgetRule,
  mermaidSyntaxRule,
  dataBatchStreamingRule,
  modelBaselineRule,
  modelTrainingCadenceRule,
  clarifyingQuestionsRule,
  architectureDiagramRule,
  parseLimitRule,
];
