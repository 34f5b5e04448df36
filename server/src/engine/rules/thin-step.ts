import type { Rule } from '../types';
import { coverageSection, headingLineRange } from './util';

export const thinStepRule: Rule = {
  id: 'thin-step',
  description: 'A step has a heading but no real content',
  tags: ['structure', 'content'],
  defaultSeverity: 'warning',
  fixable: false,
  docs:
    'Reports a step whose heading is there but whose content is not: an empty section, "TBD", placeholder bullets that only name topics ("Monitoring", "Updates"), or a single short line. Interviewers and reviewers read an empty heading as a step that was skipped. The message says what the step should contain.',
  check(ctx) {
    for (const step of ctx.config.template.steps) {
      const entry = ctx.coverage[step.id];
      if (entry?.status !== 'thin') continue;
      const section = coverageSection(ctx, step.id);
      if (!section) continue;
      ctx.report({
        message: `"${section.title}" (${step.title}) has a heading but little content: ${entry.reason}. It should cover: ${step.summary}`,
        range: headingLineRange(ctx.doc, section),
        stepId: step.id,
      });
    }
  },
};
export default thinStepRule;
