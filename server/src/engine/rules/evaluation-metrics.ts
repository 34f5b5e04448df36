import type { Rule } from '../types';
import { insertFragmentFix } from '../fixes';
import { coverageSection, headingLineRange } from './util';

export const evaluationMetricsRule: Rule = {
  id: 'evaluation-metrics',
  description: 'Offline or online metrics are missing',
  tags: ['evaluation', 'ml'],
  defaultSeverity: 'warning',
  fixable: true,
  docs: 'Reports an evaluation step that names only one kind of metric. A design needs offline metrics to choose between models before launch (AUC-ROC, precision/recall, log loss or normalized cross entropy, NDCG, mAP, MRR, recall@k) and online metrics to judge the launch in an A/B test (CTR, conversion rate, watch time, revenue, retention, hide/report rate). The fix inserts the metrics table from the template under the evaluation step.',
  requires: ['evaluation'],
  check(ctx) {
    const { doc, coverage } = ctx;
    // Quiet unless the step is present: missing-step and thin-step speak for a missing or thin step.
    if (coverage['evaluation']?.status !== 'present') return;
    // One reading of the doc: the evaluation checkpoints (the metric catalogue, in the whole doc).
    const met = (id: string): boolean => coverage['evaluation']?.checkpoints?.find((c) => c.id === id)?.met ?? true;
    const offline = met('offline-metrics');
    const online = met('online-metrics');
    if (offline && online) return;
    const section = coverageSection(ctx, 'evaluation');
    const range = section ? headingLineRange(doc, section) : { start: { line: coverage['evaluation']?.line ?? 0, character: 0 }, end: { line: coverage['evaluation']?.line ?? 0, character: 0 } };
    const fixes = section ? [insertFragmentFix(doc, ctx.config.rubric, 'evaluation', section, 'metrics-table', 'Insert the offline/online metrics table')] : [];
    const missing = !offline && !online ? 'neither offline nor online metrics' : !offline ? 'no offline metrics' : 'no online metrics';
    const what =
      !offline && !online
        ? 'Name offline metrics to compare models before launch (AUC, precision/recall, log loss, NDCG, recall@k) and online metrics for the A/B test (CTR, conversion, watch time, revenue, retention).'
        : !offline
          ? 'Name offline metrics to compare models before launch (AUC-ROC, precision/recall, log loss / NCE, NDCG, mAP, MRR, recall@k).'
          : 'Name online metrics to judge the launch in an A/B test (CTR, conversion rate, watch time, revenue, retention, hide/report rate).';
    ctx.report({ message: `Evaluation has ${missing}.`, detail: what, range, stepId: 'evaluation', fixes });
  },
};
export default evaluationMetricsRule;
