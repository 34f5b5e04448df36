// A hint drawn from the framework (information severity by default).
import type { Rule } from '../types';
import { hintUnlessMet } from './checkpoint-hint';

export const modelTrainingCadenceRule: Rule = {
  id: 'model-training-cadence',
  description: 'Model section without a training cadence',
  tags: ['model', 'hint'],
  defaultSeverity: 'information',
  fixable: false,
  docs: 'Hints when the doc never says how often the model is retrained: offline batch retraining every N hours or days, or online / continual training for fast-moving trends. Staleness is one of the most common ways a production model decays.',
  requires: ['model'],
  check(ctx) {
    hintUnlessMet(
      ctx,
      'model',
      'training-cadence',
      { anywhere: true },
      'The model step never says how often the model is retrained.',
      'Say whether it is retrained in batch (every N hours or days) or trained continually online, and what triggers it.',
    );
  },
};

export default modelTrainingCadenceRule;
