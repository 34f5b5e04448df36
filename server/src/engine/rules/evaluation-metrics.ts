import type { Rule } from '../types';
import { getBlock } from '../skeletons';
import { insertBlockFix } from '../fixes';
import { metricsIn } from '../metrics';
import { coverageSection, headingLineRange, stepSectionIndexes } from './util';

const OFFLINE_WORDS = /offline (?:metric|evaluation)|\bauc\b|precision|recall|ndcg|log ?loss|\bmap@/i;
const ONLINE_WORDS = /online (?:metric|evaluation)|a\/b test|\bctr\b|click[- ]through|conversion|engagement|watch time|revenue|retention/i;

export const evaluationMetricsRule: Rule = {
  id: 'evaluation-metrics',
  description: 'Offline or online metrics are missing',
  tags: ['evaluation', 'ml'],
  defaultSeverity: 'warning',
  fixable: true,
  docs:
    'Reports an evaluation step that names only one kind of metric. A design needs offline metrics to choose between models before launch (AUC-ROC, precision/recall, log loss or normalized cross entropy, NDCG, mAP, MRR, recall@k) and online metrics to judge the launch in an A/B test (CTR, conversion rate, watch time, revenue, retention, hide/report rate). The fix inserts the metrics table from the template under the evaluation step.',
  check(ctx) {
    const { doc, coverage } = ctx;
    if (coverage['evaluation']?.status === 'missing') return;
    let offline = false;
    let online = false;
    // Metrics named in the evaluation step count; elsewhere a word like "retention team" is not a metric.
    const evaluationSections = stepSectionIndexes(doc, 'evaluation');
    const inScope = (i: number | undefined) => evaluationSections.size === 0 || (i !== undefined && evaluationSections.has(i));
    for (const b of doc.blocks) {
      if (b.kind === 'code' || b.kind === 'mermaid' || b.kind === 'math' || !inScope(b.sectionIndex)) continue;
      for (const found of metricsIn(b.text)) {
        if (found.metric.kind === 'offline') offline = true;
        else online = true;
      }
      if (!offline && OFFLINE_WORDS.test(b.text)) offline = true;
      if (!online && ONLINE_WORDS.test(b.text)) online = true;
      if (offline && online) return;
    }
    const section = coverageSection(ctx, 'evaluation');
    const range = section ? headingLineRange(doc, section) : { start: { line: coverage['evaluation']?.line ?? 0, character: 0 }, end: { line: coverage['evaluation']?.line ?? 0, character: 0 } };
    const fixes = section
      ? [insertBlockFix(doc, section, getBlock('metrics-table'), 'Insert the offline/online metrics table')]
      : [];
    const missing = !offline && !online ? 'neither offline nor online metrics' : !offline ? 'no offline metrics' : 'no online metrics';
    const what = !offline && !online
      ? 'Name offline metrics to compare models before launch (AUC, precision/recall, log loss, NDCG, recall@k) and online metrics for the A/B test (CTR, conversion, watch time, revenue, retention).'
      : !offline
        ? 'Name offline metrics to compare models before launch (AUC-ROC, precision/recall, log loss / NCE, NDCG, mAP, MRR, recall@k).'
        : 'Name online metrics to judge the launch in an A/B test (CTR, conversion rate, watch time, revenue, retention, hide/report rate).';
    ctx.report({ message: `Evaluation has ${missing}. ${what}`, range, stepId: 'evaluation', fixes });
  },
};
export default evaluationMetricsRule;
