// A hint drawn from the framework (information severity by default).
import type { Rule } from '../types';
import { proseText } from './util';
import { stepText, anchorFor } from './hint-util';

export const dataBatchStreamingRule: Rule = {
  id: 'data-batch-streaming',
  description: 'Data section silent on batch versus streaming',
  tags: ['data', 'hint'],
  defaultSeverity: 'information',
  fixable: false,
  docs:
    'Hints when the data step never says how data arrives: batch (historical logs in a data lake or warehouse, recomputed daily) or streaming (real-time events through Kafka, Flink or a pub/sub system). The answer decides feature freshness and the training cadence.',
  check(ctx) {
    if (ctx.coverage['data']?.status === 'missing') return;
    const text = stepText(ctx, 'data') || proseText(ctx.doc);
    if (/\bbatch|stream|real[- ]?time|kafka|flink|kinesis|pub\/?sub|spark|data lake|warehouse|hourly|daily|near[- ]line|event log|click ?stream/i.test(text)) return;
    ctx.report({ message: 'The data step does not say whether data arrives in batch (logs in a data lake, daily jobs) or as a stream (Kafka/Flink events), which decides feature freshness and retraining.', range: anchorFor(ctx, 'data'), stepId: 'data' });
  },
};

export default dataBatchStreamingRule;
