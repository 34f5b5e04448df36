import type { Rule } from '../types';
import { insertFragmentFix } from '../fixes';
import { metricsIn } from '../metrics';
import { carriedByStepFinding, coverageSection, documentAnchor, headingLineRange, lineRange } from './util';

export const metricGapRule: Rule = {
  id: 'metric-gap',
  description: 'Metrics are listed but the offline/online gap is never discussed',
  tags: ['evaluation', 'ml'],
  defaultSeverity: 'warning',
  fixable: true,
  docs: 'Reports a document that names offline and/or online metrics but never says why they can disagree and what it does about it. Offline data is logged by the old model (position and selection bias), labels are proxies for the business outcome, feedback loops, novelty effects and non-stationary data all open a gap; A/B tests, interleaving, replay or counterfactual evaluation and guardrail metrics close it. A heading "Metrics (offline and online)" over two plain lists, offline/online feature skew, or comparing online and offline predictions as a consistency check are not this discussion. The fix inserts a short subsection with prompts under the evaluation step.',
  requires: ['metric-gap'],
  check(ctx) {
    const { doc, coverage, config } = ctx;
    if (!config.rubric.mlChecks) return;
    const entry = coverage['metric-gap'];
    if (!entry || entry.status === 'present') return;
    if (carriedByStepFinding(ctx, 'evaluation')) return;
    // The same reading as evaluation-metrics: the evaluation checkpoints for offline and online metrics.
    const checkpoints = coverage['evaluation']?.checkpoints ?? [];
    const met = (id: string) => checkpoints.some((c) => c.id === id && c.met);
    const offline = met('offline-metrics');
    const online = met('online-metrics');
    const namesMetrics = checkpoints.length ? offline || online : doc.passages.some((b) => b.kind !== 'code' && b.kind !== 'mermaid' && metricsIn(b.text).length > 0);
    // With no metric named at all, evaluation-metrics and missing-step speak instead.
    if (!namesMetrics) return;
    const evaluation = coverageSection(ctx, 'evaluation');
    const range = entry.status === 'thin' && entry.line !== undefined ? lineRange(doc, entry.line) : evaluation ? headingLineRange(doc, evaluation) : documentAnchor(doc);
    const thin = entry.status === 'thin';
    ctx.report({
      message: thin
        ? 'The metric-gap section does not yet say why offline and online metrics disagree.'
        : `${offline && online ? 'Offline and online metrics are named' : offline ? 'Offline metrics are named' : 'Online metrics are named'}, but not why offline and online results can disagree.`,
      detail: 'Say why (logging bias, proxy labels, feedback loops, novelty, non-stationarity) and how that is handled (A/B tests, interleaving, replay/counterfactual evaluation, guardrail metrics).',
      range,
      stepId: 'metric-gap',
      // The placeholder section is there to be filled in; otherwise the subsection goes after the
      // metrics tables evaluation-metrics may insert at the same point (fixes.ts insertionOrder).
      fixes: thin ? [] : [insertFragmentFix(doc, config.rubric, 'evaluation', evaluation, 'metric-gap', 'Insert a metric gap subsection (why offline and online metrics disagree)')],
    });
  },
};
export default metricGapRule;
