import type { Rule } from '../types';
import { getStepSkeleton } from '../skeletons';
import { configSkeletonAsSection, configTextAsInlineMarkdown, insertionOrder, insertionText, shiftHeadings, stepHeadingStyle, stepInsertionPoint } from '../fixes';
import { DEFAULT_TEMPLATE } from '../vocabulary';
import { documentAnchor } from './util';

export const missingStepRule: Rule = {
  id: 'missing-step',
  description: 'A step of the design-doc template is absent',
  tags: ['structure', 'template'],
  defaultSeverity: 'warning',
  fixable: true,
  docs:
    'Reports each step of the template (by default the seven steps of the ML system design framework: clarify requirements, frame the problem as an ML task, data, model, evaluation, deployment and serving, monitoring) that the document neither has a section for nor discusses in prose. The message says what the step should contain. The fix inserts the step\'s section skeleton from the bundled template at its place in the template order, with the heading level and numbering the document already uses.',
  check(ctx) {
    const { doc, config, coverage } = ctx;
    const style = stepHeadingStyle(doc);
    for (const [index, step] of config.template.steps.entries()) {
      if (coverage[step.id]?.status !== 'missing') continue;
      const at = stepInsertionPoint(doc, config.template, coverage, step.id);
      // The bundled skeleton belongs to the built-in step only; a custom template's section with the
      // same id has its own title (and maybe its own skeleton), which is what its headings match.
      const builtIn = step.skeleton === undefined && DEFAULT_TEMPLATE.steps.some((s) => s.id === step.id && s.title === step.title);
      const skeleton = builtIn ? getStepSkeleton(step.id) : undefined;
      const number = skeleton?.number ?? index + 1;
      const title = skeleton?.title ?? step.title;
      // Titles, summaries and skeletons of a custom template come from a config file in the repository:
      // inserted as one line of text, or as the body of this one section, never as other structure.
      const headingText = skeleton ? title : configTextAsInlineMarkdown(title);
      const heading = `${'#'.repeat(style.level)} ${style.numbered ? `${number}. ` : ''}${headingText}`;
      const body = skeleton
        ? shiftHeadings(skeleton.body, 2, style.level)
        : (step.skeleton !== undefined && configSkeletonAsSection(step.skeleton, style.level)) || `_${configTextAsInlineMarkdown(step.summary)}_`;
      ctx.report({
        message: `Missing step "${step.title}": ${step.summary}`,
        range: documentAnchor(doc),
        stepId: step.id,
        fixes: [{ title: `Insert a "${title}" section`, isPreferred: true, order: insertionOrder(config.template, step.id), edits: [{ range: { start: at, end: at }, newText: insertionText(doc, at, `${heading}\n\n${body}`) }] }],
      });
    }
  },
};
export default missingStepRule;
