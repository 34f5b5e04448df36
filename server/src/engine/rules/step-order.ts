import type { Rule } from '../types';
import { headingLineRange, quoted } from './util';

/** Indexes of a longest increasing subsequence: the steps already in order. */
function inOrder(sequence: number[]): Set<number> {
  const n = sequence.length;
  const length = new Array<number>(n).fill(1);
  const previous = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++)
      if (sequence[j] < sequence[i] && length[j] + 1 > length[i]) {
        length[i] = length[j] + 1;
        previous[i] = j;
      }
  let end = 0;
  for (let i = 1; i < n; i++) if (length[i] > length[end]) end = i;
  const keep = new Set<number>();
  for (let i = end; i !== -1 && n > 0; i = previous[i]) keep.add(i);
  return keep;
}

const DESIGN_STEPS = new Set(['model', 'serving']);

export const stepOrderRule: Rule = {
  id: 'step-order',
  description: 'Steps appear out of template order',
  tags: ['structure', 'template'],
  defaultSeverity: 'warning',
  fixable: false,
  docs: 'Reports steps whose first section appears out of the template order. Above all, it flags architecture, model or serving sections that come before the requirements are clarified: every later decision should tie back to the requirements, so designing first and asking later is the classic interview mistake. Steps detected only in prose, without a heading, are not ordered.',
  requires: ['clarify'],
  check(ctx) {
    const { doc, config, coverage } = ctx;
    const order = config.rubric.steps.map((s) => s.id);
    const firsts: { id: string; rank: number; sectionIndex: number }[] = [];
    // Only top-level step sections are ordered: a subsection such as "Data availability" under
    // the requirements belongs where its parent is.
    const hasMappedAncestor = (index: number): boolean => {
      for (let p = doc.sections[index].parent; p !== undefined; p = doc.sections[p].parent) if (doc.sections[p].steps.length) return true;
      return false;
    };
    for (const id of order) {
      const first = doc.sections.find((s) => s.steps.includes(id) && !hasMappedAncestor(s.index));
      if (first && coverage[id]?.status !== 'missing') firsts.push({ id, rank: order.indexOf(id), sectionIndex: first.index });
    }
    firsts.sort((a, b) => a.sectionIndex - b.sectionIndex);
    const clarify = firsts.find((f) => f.id === 'clarify');
    const reported = new Set<string>();
    if (clarify) {
      for (const f of firsts) {
        if (f.sectionIndex >= clarify.sectionIndex) break;
        if (!DESIGN_STEPS.has(f.id)) continue;
        // A heading that also covers clarify (e.g. "Problem formulation") is not "before" it.
        if (doc.sections[f.sectionIndex].steps.includes('clarify')) continue;
        const section = doc.sections[f.sectionIndex];
        reported.add(f.id);
        ctx.report({
          message: `${quoted(section.title, 30)} (${config.rubric.steps[f.rank].title}) comes before the requirements.`,
          detail: `The requirements are clarified later, in ${quoted(doc.sections[clarify.sectionIndex].title)}: clarify requirements first, then design against them.`,
          range: headingLineRange(doc, section),
          stepId: f.id,
        });
      }
    }
    const keep = inOrder(firsts.map((f) => f.rank));
    firsts.forEach((f, i) => {
      if (keep.has(i) || reported.has(f.id)) return;
      const section = doc.sections[f.sectionIndex];
      const laterStep = firsts
        .slice(0, i)
        .reverse()
        .find((g) => g.rank > f.rank);
      const after = laterStep ? ` It comes after ${quoted(doc.sections[laterStep.sectionIndex].title)} (${config.rubric.steps[laterStep.rank].title}).` : '';
      ctx.report({
        message: `${quoted(section.title, 30)} (${config.rubric.steps[f.rank].title}) is out of template order.`,
        detail: `It is step ${f.rank + 1} of ${order.length}.${after}`,
        range: headingLineRange(doc, section),
        stepId: f.id,
      });
    });
  },
};
export default stepOrderRule;
