// A hint drawn from the framework (information severity by default).
import type { Rule } from '../types';
import { hintUnlessMet } from './checkpoint-hint';

export const dataBatchStreamingRule: Rule = {
  id: 'data-batch-streaming',
  description: 'Data section silent on batch versus streaming',
  tags: ['data', 'hint'],
  defaultSeverity: 'information',
  fixable: false,
  docs: 'Hints when the data step never says how data arrives: batch (historical logs in a data lake or warehouse, recomputed daily) or streaming (real-time events through Kafka, Flink or a pub/sub system). The answer decides feature freshness and the training cadence.',
  requires: ['data'],
  check(ctx) {
    hintUnlessMet(
      ctx,
      'data',
      'batch-streaming',
      { anywhere: true },
      'The data step does not say whether data arrives in batch or as a stream.',
      'Batch (logs in a data lake, daily jobs) or a stream (Kafka/Flink events) decides feature freshness and retraining.',
    );
  },
};

export default dataBatchStreamingRule;
