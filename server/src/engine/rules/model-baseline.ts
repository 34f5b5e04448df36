// A hint drawn from the framework (information severity by default).
import type { Rule } from '../types';
import { proseText } from './util';
import { anchorFor } from './hint-util';

export const modelBaselineRule: Rule = {
  id: 'model-baseline',
  description: 'Model section without a baseline',
  tags: ['model', 'hint'],
  defaultSeverity: 'information',
  fixable: false,
  docs:
    'Hints when the model step never names a simple baseline (a heuristic, popularity, logistic regression, a rule-based system). A baseline first is what the framework asks for: it sets the bar every heavier model must beat and is the fallback when it fails.',
  check(ctx) {
    if (ctx.coverage['model']?.status === 'missing') return;
    if (/baseline|heuristic|rule[- ]based|simple model|start (?:simple|with a simple)|popularity|logistic regression|most popular|linear model/i.test(proseText(ctx.doc))) return;
    ctx.report({ message: 'The model step names no simple baseline (heuristic, popularity, logistic regression) to beat before a heavier model.', range: anchorFor(ctx, 'model'), stepId: 'model' });
  },
};

export default modelBaselineRule;
