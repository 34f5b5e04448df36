// The "insert prompts" code action: on a thin or missing step's diagnostic (or with the cursor on a
// step's heading), one prompt per checkpoint the step has not met yet ("- Baseline: {{what simple
// model do you compare against?}}"), at the end of the step's section (a new section at the step's
// place when it is missing). A prompt is a
// question for the writer, not an answer: the step stays thin until it is answered, and the prompts
// are never part of a finding's fixes, so `mlsd-lint --fix` and "Fix all" never insert them.
import type { TextEdit } from 'vscode-languageserver';
import { configTextAsInlineMarkdown, endOfSection, insertionText, stepHeadingStyle, stepInsertionPoint } from '../engine/fixes';
import { checkpointLabel } from '../engine/rules/thin-step';
import type { CheckpointResult, Finding, LintResult, Rubric } from '../engine/types';

/** The rules whose diagnostics offer the action, and the step statuses it applies to. */
const PROMPTED_RULES = new Set(['thin-step', 'missing-step']);

/** One question per built-in checkpoint. Each stays under 80 characters: a longer `{{...}}` would not read as a placeholder. */
export const CHECKPOINT_QUESTIONS: Record<string, string> = {
  'business-objective': 'what business metric should this move, and by how much?',
  'system-output': 'what does the system return, to whom, and on which surface?',
  scale: 'how many users and items, and how many requests per second at peak?',
  constraints: 'what limits latency, compute or cost, and privacy?',
  'data-available': 'what data exists today, and how much history?',
  'ml-objective': 'what does the model optimise, and how does that move the business goal?',
  'input-output': 'what does the model take as input, and what does it return?',
  'ml-category': 'classification, ranking, regression, retrieval or detection, and why?',
  'data-sources': 'which sources feed the system, and how are user actions logged?',
  'batch-streaming': 'which data arrives in batch, and which must stream in real time?',
  labels: 'where do labels come from, and how are negatives sampled?',
  features: 'which user, item, interaction and context features?',
  'class-imbalance': 'how rare is the positive class, and how do you handle it?',
  baseline: 'what simple model do you compare against?',
  'model-choice': 'which model, and what does it trade off against the alternatives?',
  'two-stage': 'how do candidate generation and the ranker split the work?',
  loss: 'which loss does training minimise?',
  'training-cadence': 'how often is the model retrained: every N hours, or continually?',
  'offline-metrics': 'which offline metrics, on which held-out data?',
  'online-metrics': 'which online metrics show that the business outcome moved?',
  'ab-test': 'how is the A/B test set up: split, duration, guardrail metrics?',
  'metric-gap': 'why could offline and online results disagree, and what do you do then?',
  'prediction-mode': 'batch or online prediction, and why?',
  'serving-path': 'which components does a request go through?',
  'latency-budget': 'what is the p99 latency budget, and how does it split across stages?',
  scaling: 'what throughput at peak, and how does the system scale?',
  rollout: 'how does a new model roll out: shadow, canary, A/B?',
  'what-monitored': 'which drift, freshness, decay and health signals are monitored?',
  alerts: 'what fires an alert, and who gets it?',
  'retraining-triggers': 'what triggers a retrain?',
  'feedback-loops': 'which feedback loops can bias the data, and how do you break them?',
  'failure-modes': 'what goes wrong, and how does the system fall back?',
};

/** Placeholder text that cannot close the `{{ }}` early or break the line (a custom checkpoint's title comes from a config file). */
function placeholderText(text: string): string {
  const clean = configTextAsInlineMarkdown(text.replace(/[{}]/g, ''));
  return clean.length <= 78 ? clean : `${clean.slice(0, 77).trimEnd()}…`;
}

/** One prompt line: "- Baseline: {{what simple model do you compare against?}}". */
export function checkpointPrompt(checkpoint: Pick<CheckpointResult, 'id' | 'title'>): string {
  const label = checkpointLabel(checkpoint);
  const known = Object.prototype.hasOwnProperty.call(CHECKPOINT_QUESTIONS, checkpoint.id) ? CHECKPOINT_QUESTIONS[checkpoint.id] : undefined;
  const question = known ?? `${checkpoint.title.trim().replace(/[.?!:]+$/, '')}?`;
  const name = configTextAsInlineMarkdown((label[0]!.toUpperCase() + label.slice(1)).replace(/[{}]/g, ''));
  return `- ${name}: {{${placeholderText(question)}}}`;
}

export interface PromptInsertion {
  title: string;
  edits: TextEdit[];
}

/**
 * The prompt insertions for a finding, when it is a thin or missing step's (one per step, when
 * several are missing at one place) and the step lacks checkpoints.
 */
export function checkpointPromptInsertions(finding: Finding, result: LintResult, rubric: Rubric): { stepId: string; insertion: PromptInsertion }[] {
  if (!PROMPTED_RULES.has(finding.ruleId)) return [];
  const stepIds = finding.stepIds ?? (finding.stepId !== undefined ? [finding.stepId] : []);
  return stepIds.flatMap((stepId) => {
    const status = result.coverage[stepId]?.status;
    if (status !== 'thin' && status !== 'missing') return [];
    const insertion = stepPromptInsertion(stepId, result, rubric);
    return insertion ? [{ stepId, insertion }] : [];
  });
}

/**
 * Prompts for the checkpoints a step has not met yet: at the end of the section that decided its
 * coverage (a present or thin step), or in a new section at the step's place (a missing one).
 */
export function stepPromptInsertion(stepId: string, result: LintResult, rubric: Rubric): PromptInsertion | undefined {
  const index = rubric.steps.findIndex((step) => step.id === stepId);
  const step = rubric.steps[index];
  const entry = result.coverage[stepId];
  if (!step || !entry) return undefined;
  const missing = (entry.checkpoints ?? []).filter((checkpoint) => !checkpoint.met);
  if (missing.length === 0) return undefined;
  const prompts = missing.map(checkpointPrompt).join('\n');
  const count = `${missing.length} missing checkpoint${missing.length === 1 ? '' : 's'}`;
  const { doc } = result;
  const section = entry.status !== 'missing' && entry.sectionIndex !== undefined ? doc.sections[entry.sectionIndex] : undefined;
  if (section) {
    const at = endOfSection(doc, section);
    return { title: `Insert prompts for the ${count} of "${step.title}"`, edits: [{ range: { start: at, end: at }, newText: insertionText(doc, at, prompts) }] };
  }
  if (entry.status !== 'missing') return undefined;
  const at = stepInsertionPoint(doc, rubric, result.coverage, step.id);
  const style = stepHeadingStyle(doc);
  const heading = `${'#'.repeat(style.level)} ${style.numbered ? `${index + 1}. ` : ''}${configTextAsInlineMarkdown(step.title)}`;
  return {
    title: `Add prompts for the ${count} of "${step.title}" as a new section`,
    edits: [{ range: { start: at, end: at }, newText: insertionText(doc, at, `${heading}\n\n${prompts}`) }],
  };
}

/** Steps whose heading is on one of the lines of `range` (the cursor on a step heading), with the section that decided them there. */
export function stepsAtHeading(result: LintResult, range: { start: { line: number }; end: { line: number } }): string[] {
  const out: string[] = [];
  for (const section of result.doc.sections) {
    if (section.steps.length === 0) continue;
    if (section.headingRange.end.line < range.start.line || section.headingRange.start.line > range.end.line) continue;
    for (const id of section.steps) if (result.coverage[id]?.sectionIndex === section.index && !out.includes(id)) out.push(id);
  }
  return out;
}
