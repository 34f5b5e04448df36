// A hint drawn from the framework (information severity by default).
import type { Rule } from '../types';
import { carriedByStepFinding, documentAnchor, headingLineRange } from './util';

export const clarifyingQuestionsRule: Rule = {
  id: 'clarifying-questions',
  description: 'No clarifying questions before the design',
  tags: ['clarify', 'hint'],
  defaultSeverity: 'information',
  fixable: false,
  docs: 'Hints when nothing before the first design section (framing, model, serving) asks a clarifying question or states an assumption. In the interview and in a review, the questions asked first (business objective, scale, latency, data available) are what every later decision is judged against.',
  requires: ['clarify'],
  check(ctx) {
    const { doc } = ctx;
    if (carriedByStepFinding(ctx, 'clarify')) return;
    const firstDesign = doc.sections.find((s) => s.steps.some((id) => id === 'framing' || id === 'model' || id === 'serving') && !s.steps.includes('clarify'));
    const limit = firstDesign ? firstDesign.headingRange.start.line : doc.lineCount;
    const before = doc.passages.filter((b) => b.line < limit && b.kind !== 'code' && b.kind !== 'mermaid');
    const titlesBefore = doc.sections
      .filter((s) => s.headingRange.start.line < limit)
      .map((s) => s.title)
      .join('\n');
    if (/\?|clarif|assum|question|requirement/i.test(before.map((b) => b.text).join('\n') + '\n' + titlesBefore)) return;
    ctx.report({
      message: 'No clarifying questions or stated assumptions before the design.',
      detail: 'Ask about the business objective, scale (users, QPS), latency and the data available first.',
      range: firstDesign ? headingLineRange(doc, firstDesign) : documentAnchor(doc),
      stepId: 'clarify',
    });
  },
};

export default clarifyingQuestionsRule;
