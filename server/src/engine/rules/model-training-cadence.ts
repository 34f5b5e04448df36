// A hint drawn from the framework (information severity by default).
import type { Rule } from '../types';
import { proseText } from './util';
import { anchorFor } from './hint-util';

export const modelTrainingCadenceRule: Rule = {
  id: 'model-training-cadence',
  description: 'Model section without a training cadence',
  tags: ['model', 'hint'],
  defaultSeverity: 'information',
  fixable: false,
  docs:
    'Hints when the doc never says how often the model is retrained: offline batch retraining every N hours or days, or online / continual training for fast-moving trends. Staleness is one of the most common ways a production model decays.',
  check(ctx) {
    if (ctx.coverage['model']?.status === 'missing') return;
    if (/re-?train|continual|online (?:training|learning)|incremental(?:ly)? (?:train|updat)|fine-?tun\w* (?:daily|weekly|hourly)|every \d+\s*(?:h|hours?|days?|weeks?)|\b(?:daily|weekly|hourly|nightly)\b|cadence|refresh(?:ed)? (?:the )?model|warm[- ]start/i.test(proseText(ctx.doc))) return;
    ctx.report({ message: 'The doc never says how often the model is retrained (batch every N hours, or continual/online training).', range: anchorFor(ctx, 'model'), stepId: 'model' });
  },
};

export default modelTrainingCadenceRule;
