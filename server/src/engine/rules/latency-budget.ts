import type { Rule } from '../types';
import { insertFragmentFix } from '../fixes';
import { carriedByStepFinding, coverageSection, documentAnchor, headingLineRange, lineRange, quoted } from './util';

export const latencyBudgetRule: Rule = {
  id: 'latency-budget',
  description: 'No numeric serving latency target',
  tags: ['serving', 'ml'],
  defaultSeverity: 'warning',
  fixable: true,
  docs: 'Reports a document with no number for the serving path\'s latency: "p99 < 100 ms", "respond within 200 ms, retrieval 50 ms of it", "50-80 ms" or a per-stage budget table all count. "Low latency", "real-time", a network round trip, a training time or a nightly batch SLA do not. A placeholder such as "X ms" or "`y` ms" gets its own message. Without a budget there is no way to decide between a heavy ranker and a cheap one, or whether caching is needed. The fix inserts a latency budget table (end-to-end target and per-stage rows) under the serving step.',
  requires: ['latency-budget'],
  check(ctx) {
    const { doc, coverage, config } = ctx;
    if (!config.rubric.mlChecks) return;
    const entry = coverage['latency-budget'];
    if (!entry || entry.status === 'present') return;
    const serving = coverageSection(ctx, 'serving');
    const fix = insertFragmentFix(doc, ctx.config.rubric, 'serving', serving, 'latency-budget-table', 'Insert a latency budget table');
    if (entry.status === 'thin' && entry.line !== undefined) {
      ctx.report({
        message: `The latency target is a placeholder: ${quoted(entry.evidence ?? '', 50)}.`,
        detail: 'Replace it with a number for the serving path, e.g. "p99 < 150 ms end to end".',
        range: lineRange(doc, entry.line),
        stepId: 'latency-budget',
        // The placeholder is there to be filled in, not to get a second table.
      });
      return;
    }
    // A missing or thin serving step already carries one finding that names what it lacks (a
    // placeholder target, above, sits on its own line and is still reported).
    if (carriedByStepFinding(ctx, 'serving')) return;
    ctx.report({
      message: 'No numeric serving latency target.',
      detail: 'State a budget for the serving path (e.g. "p99 < 200 ms end to end; candidate generation 50 ms, ranking 100 ms"). "Low latency" or "real-time" is not a budget.',
      range: serving ? headingLineRange(doc, serving) : documentAnchor(doc),
      stepId: 'latency-budget',
      fixes: [fix],
    });
  },
};
export default latencyBudgetRule;
