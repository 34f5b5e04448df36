// A hint drawn from the framework (information severity by default).
import type { Rule } from '../types';
import { hintUnlessMet } from './checkpoint-hint';

export const modelBaselineRule: Rule = {
  id: 'model-baseline',
  description: 'Model section without a baseline',
  tags: ['model', 'hint'],
  defaultSeverity: 'information',
  fixable: false,
  docs: 'Hints when the model step never names a simple baseline (a heuristic, popularity, logistic regression, a rule-based system). A baseline first is what the framework asks for: it sets the bar every heavier model must beat and is the fallback when it fails.',
  requires: ['model'],
  check(ctx) {
    hintUnlessMet(
      ctx,
      'model',
      'baseline',
      { anywhere: false },
      'The model step names no simple baseline to beat.',
      'Name a heuristic, popularity or logistic-regression baseline that a heavier model must beat before it earns its cost.',
    );
  },
};

export default modelBaselineRule;
