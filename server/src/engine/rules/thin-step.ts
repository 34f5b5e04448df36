import type { CheckpointResult, Rule } from '../types';
import { configTextAsLine } from '../fixes';
import { coverageSection, headingLineRange, shorten } from './util';

/**
 * Short names of the built-in checkpoints, for messages that must stay on one line ("no baseline,
 * loss or training cadence yet"); a checkpoint without one (a custom rubric's) is named by its
 * title up to the first parenthesis or comma.
 */
const SHORT_NAMES: Record<string, string> = {
  'business-objective': 'business objective',
  'system-output': 'system output',
  scale: 'scale in numbers',
  constraints: 'constraints',
  'data-available': 'data available',
  'ml-objective': 'ML objective',
  'input-output': 'input/output',
  'ml-category': 'ML category',
  'data-sources': 'data sources',
  'batch-streaming': 'batch vs streaming',
  labels: 'labels',
  features: 'features',
  'class-imbalance': 'class imbalance',
  baseline: 'baseline',
  'model-choice': 'model choice',
  'two-stage': 'two-stage funnel',
  loss: 'loss',
  'training-cadence': 'training cadence',
  'offline-metrics': 'offline metrics',
  'online-metrics': 'online metrics',
  'ab-test': 'A/B test',
  'metric-gap': 'metric gap',
  'prediction-mode': 'batch vs online prediction',
  'serving-path': 'serving path',
  'latency-budget': 'latency budget',
  scaling: 'scaling',
  rollout: 'rollout',
  'what-monitored': 'what is monitored',
  alerts: 'alerts',
  'retraining-triggers': 'retraining triggers',
  'feedback-loops': 'feedback loops',
  'failure-modes': 'failure modes',
};

/** A checkpoint's short name, lower case except acronyms ("baseline", "ML category", "A/B test"). */
export function checkpointLabel(checkpoint: Pick<CheckpointResult, 'id' | 'title'>): string {
  const known = Object.prototype.hasOwnProperty.call(SHORT_NAMES, checkpoint.id) ? SHORT_NAMES[checkpoint.id] : undefined;
  if (known) return known;
  const title = configTextAsLine(checkpoint.title)
    .replace(/\s*[(,;:—–].*$/u, '')
    .replace(/^(?:a|an|the)\s+/i, '')
    .trim();
  if (!title) return checkpoint.id;
  // Keep "ML", "QPS", "A/B"; lower-case an ordinary capitalised first word.
  return /^\p{Lu}\p{Ll}/u.test(title) ? title[0]!.toLowerCase() + title.slice(1) : title;
}

/** The first clause of a thin-step message stays under this many characters. */
export const FIRST_CLAUSE_MAX = 98; // 99 with the period that ends the message

/** "a, b or c", or "a, b, c and 2 more" when the full list would not fit in `room` characters. */
export function nameList(names: readonly string[], room: number, conjunction: 'or' | 'and' = 'or'): string {
  const join = (parts: readonly string[], last: string): string => (parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} ${last} ${parts[parts.length - 1]}`);
  const all = join(names, conjunction);
  if (all.length <= room) return all;
  for (let keep = names.length - 1; keep >= 1; keep--) {
    const text = `${names.slice(0, keep).join(', ')} and ${names.length - keep} more`;
    if (text.length <= room) return text;
  }
  return `${names.length} checkpoints`;
}

/**
 * The first clause of the message: what the step lacks, under FIRST_CLAUSE_MAX characters.
 * `"Model" is thin: no baseline, loss or training cadence yet`
 */
export function thinClause(heading: string, missing: readonly Pick<CheckpointResult, 'id' | 'title'>[], reason: string): string {
  const name = `"${shorten(configTextAsLine(heading), 40)}" is thin: `;
  if (missing.length === 0) return name + shorten(configTextAsLine(reason), FIRST_CLAUSE_MAX - name.length);
  const room = FIRST_CLAUSE_MAX - name.length - 'no  yet'.length;
  return `${name}no ${nameList(missing.map(checkpointLabel), room)} yet`;
}

export const thinStepRule: Rule = {
  id: 'thin-step',
  description: 'A step has a heading but no real content',
  tags: ['structure', 'content'],
  defaultSeverity: 'warning',
  fixable: false,
  docs: 'Reports a step whose heading is there but whose content is not: an empty section, "TBD", questions or `{{placeholders}}` left from a template, placeholder bullets that only name topics ("Monitoring", "Updates"), or a single short line. Interviewers and reviewers read an empty heading as a step that was skipped. The message opens with what the step still lacks (its checkpoints not yet met, e.g. `"Model" is thin: no baseline, loss or training cadence yet`), then says what the step should contain. In the editor a code action inserts one prompt per missing checkpoint at the end of the section, for you to answer; `--fix` never inserts them.',
  check(ctx) {
    for (const step of ctx.config.rubric.steps) {
      const entry = ctx.coverage[step.id];
      if (entry?.status !== 'thin') continue;
      const section = coverageSection(ctx, step.id);
      if (!section) continue;
      const missing = (entry.checkpoints ?? []).filter((checkpoint) => !checkpoint.met);
      const first = thinClause(section.title, missing, entry.reason);
      ctx.report({
        message: `${first}.`,
        detail: `${missing.length > 0 && entry.reason ? `${entry.reason[0]!.toUpperCase()}${entry.reason.slice(1)}. ` : ''}${step.title} should cover: ${step.summary}`,
        range: headingLineRange(ctx.doc, section),
        stepId: step.id,
      });
    }
  },
};
export default thinStepRule;
