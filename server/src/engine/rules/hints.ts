// Hints drawn from the framework: things an interviewer asks about that a doc often skips.
// Information severity by default; each is a rule of its own so it can be turned off alone.
import type { Rule, RuleContext } from '../types';
import { getBlock } from '../skeletons';
import { endOfDocument, endOfSection, insertionText } from '../fixes';
import { coverageSection, documentAnchor, headingLineRange, proseText, stepSectionIndexes } from './util';

function stepText(ctx: RuleContext, stepId: string): string {
  const indexes = stepSectionIndexes(ctx.doc, stepId);
  return proseText(ctx.doc, (i) => i !== undefined && indexes.has(i));
}

function anchorFor(ctx: RuleContext, stepId: string) {
  const section = coverageSection(ctx, stepId);
  return section ? headingLineRange(ctx.doc, section) : documentAnchor(ctx.doc);
}

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

export const clarifyingQuestionsRule: Rule = {
  id: 'clarifying-questions',
  description: 'No clarifying questions before the design',
  tags: ['clarify', 'hint'],
  defaultSeverity: 'information',
  fixable: false,
  docs:
    'Hints when nothing before the first design section (framing, model, serving) asks a clarifying question or states an assumption. In the interview and in a review, the questions asked first (business objective, scale, latency, data available) are what every later decision is judged against.',
  check(ctx) {
    const { doc } = ctx;
    const firstDesign = doc.sections.find((s) => s.steps.some((id) => id === 'framing' || id === 'model' || id === 'serving') && !s.steps.includes('clarify'));
    const limit = firstDesign ? firstDesign.headingRange.start.line : doc.lineCount;
    const before = doc.blocks.filter((b) => b.line < limit && b.kind !== 'code' && b.kind !== 'mermaid');
    const titlesBefore = doc.sections.filter((s) => s.headingRange.start.line < limit).map((s) => s.title).join('\n');
    if (/\?|clarif|assum|question|requirement/i.test(before.map((b) => b.text).join('\n') + '\n' + titlesBefore)) return;
    ctx.report({
      message: 'No clarifying questions or stated assumptions before the design: ask about the business objective, scale (users, QPS), latency and the data available first.',
      range: firstDesign ? headingLineRange(doc, firstDesign) : documentAnchor(doc),
      stepId: 'clarify',
    });
  },
};

export const architectureDiagramRule: Rule = {
  id: 'architecture-diagram',
  description: 'No architecture diagram',
  tags: ['serving', 'hint'],
  defaultSeverity: 'information',
  fixable: true,
  docs:
    'Hints when the doc has no architecture diagram: no mermaid block and no image. A diagram of the serving path (candidate generation, ranking, feature store, logging) is what reviewers look at first. The fix inserts the two-stage candidate-generation-and-ranking mermaid diagram from the template under the serving step, to adapt.',
  check(ctx) {
    const { doc } = ctx;
    if (doc.mermaidBlocks.length || doc.blocks.some((b) => b.kind === 'image' || /!\[|<img/i.test(b.text))) return;
    if (doc.sections.length === 0) return;
    const serving = coverageSection(ctx, 'serving');
    const at = serving ? endOfSection(doc, serving) : endOfDocument(doc);
    ctx.report({
      message: 'No architecture diagram: add a mermaid diagram of the serving path (candidate generation, ranking, feature store, logging).',
      range: anchorFor(ctx, 'serving'),
      stepId: 'serving',
      fixes: [{ title: 'Insert a two-stage architecture diagram', isPreferred: true, edits: [{ range: { start: at, end: at }, newText: insertionText(doc, at, getBlock('two-stage-diagram')) }] }],
    });
  },
};
