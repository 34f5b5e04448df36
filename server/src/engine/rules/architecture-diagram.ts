// A hint drawn from the framework (information severity by default).
import type { Rule } from '../types';
import { insertFragmentFix } from '../fixes';
import { carriedByStepFinding, coverageSection } from './util';
import { anchorFor } from './hint-util';

export const architectureDiagramRule: Rule = {
  id: 'architecture-diagram',
  description: 'No architecture diagram',
  tags: ['serving', 'hint'],
  defaultSeverity: 'information',
  fixable: true,
  docs: 'Hints when the doc has no architecture diagram: no mermaid block and no image. A diagram of the serving path (candidate generation, ranking, feature store, logging) is what reviewers look at first. The fix inserts the two-stage candidate-generation-and-ranking mermaid diagram from the template under the serving step, to adapt.',
  requires: ['serving'],
  check(ctx) {
    const { doc } = ctx;
    if (doc.mermaidBlocks.length || doc.passages.some((b) => b.kind === 'image' || /!\[|<img/i.test(b.text))) return;
    if (doc.sections.length === 0) return;
    if (carriedByStepFinding(ctx, 'serving')) return;
    const serving = coverageSection(ctx, 'serving');
    ctx.report({
      message: 'No architecture diagram of the serving path.',
      detail: 'Add a mermaid diagram of the serving path: candidate generation, ranking, feature store, logging.',
      range: anchorFor(ctx, 'serving'),
      stepId: 'serving',
      fixes: [insertFragmentFix(doc, ctx.config.rubric, 'serving', serving, 'two-stage-diagram', 'Insert a two-stage architecture diagram')],
    });
  },
};

export default architectureDiagramRule;
