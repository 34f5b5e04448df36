import type { DesignDoc, Position, Range, Rule, StepDefinition } from '../types';
import { getStepSkeleton } from '../skeletons';
import { configSkeletonAsSection, configTextAsInlineMarkdown, insertionOrder, insertionText, shiftHeadings, stepHeadingStyle, stepInsertionPoint } from '../fixes';
import { DEFAULT_RUBRIC } from '../vocabulary';
import { lineText } from '../model';
import { nameList } from './thin-step';
import { documentAnchor, lineRange, MESSAGE_MAX, quoted } from './util';

export const missingStepRule: Rule = {
  id: 'missing-step',
  description: 'A step of the design-doc template is absent',
  tags: ['structure', 'template'],
  defaultSeverity: 'warning',
  fixable: true,
  docs: "Reports each step of the template (by default the seven steps of the ML system design framework: clarify requirements, frame the problem as an ML task, data, model, evaluation, deployment and serving, monitoring) that the document neither has a section for nor discusses in prose. The message says what the step should contain. The fix inserts the step's section skeleton from the bundled template at its place in the template order, with the heading level and numbering the document already uses.",
  check(ctx) {
    const { doc, config, coverage } = ctx;
    const style = stepHeadingStyle(doc);
    const steps = config.rubric.steps;
    const missing = steps.filter((step) => coverage[step.id]?.status === 'missing');
    if (missing.length === 0) return;
    const insertions = missing.map((step) => {
      const at = stepInsertionPoint(doc, config.rubric, coverage, step.id);
      const { title, heading, body } = stepSection(step, steps.indexOf(step), style);
      return {
        step,
        at,
        title,
        fix: {
          title: `Insert a "${title}" section`,
          isPreferred: true,
          order: insertionOrder(config.rubric, step.id),
          edits: [{ range: { start: at, end: at }, newText: insertionText(doc, at, `${heading}\n\n${body}`) }],
        },
      };
    });
    // Nothing written yet: one finding for the doc, where the steps go, not one per step on the title.
    if (missing.length === steps.length && steps.length > 1) {
      const at = insertions[0]!.at;
      ctx.report({
        message: `No step of the template is written yet: all ${steps.length} are missing.`,
        detail: `A design doc walks through ${steps.map((step) => step.title).join(', ')}. The fix inserts every section.`,
        range: lineBefore(doc, at),
        stepId: missing[0]!.id,
        fixes: [{ title: `Insert the ${steps.length} sections of the template`, isPreferred: true, order: 0, edits: insertions.flatMap((i) => i.fix.edits) }],
      });
      return;
    }
    // Steps missing at one place (consecutive in the rubric) make one finding there: one place, one finding.
    const groups = new Map<string, typeof insertions>();
    for (const insertion of insertions) {
      const key = `${insertion.at.line}:${insertion.at.character}`;
      groups.set(key, [...(groups.get(key) ?? []), insertion]);
    }
    for (const group of groups.values()) {
      const { at } = group[0]!;
      const next = nextStepSection(doc, at);
      if (group.length === 1) {
        const { step, fix } = group[0]!;
        ctx.report({
          message: `Missing step ${quoted(step.title, 60)}.`,
          detail: `${next ? `It belongs before ${next}. ` : ''}${step.summary}`,
          range: lineBefore(doc, at),
          stepId: step.id,
          fixes: [fix],
        });
        continue;
      }
      const titles = group.map(({ step }) => quoted(step.title));
      const lead = `Missing ${group.length} steps: `;
      ctx.report({
        message: `${lead}${nameList(titles, MESSAGE_MAX - lead.length - 1, 'and')}.`,
        detail: `${next ? `They belong before ${next}. ` : ''}${group.map(({ step }) => `${step.title}: ${step.summary}`).join('\n\n')}`,
        range: lineBefore(doc, at),
        stepId: group[0]!.step.id,
        stepIds: group.map(({ step }) => step.id),
        fixes: [
          { title: `Insert the ${group.length} missing sections here`, isPreferred: true, order: group[0]!.fix.order, edits: group.flatMap(({ fix }) => fix.edits) },
          ...group.map(({ fix }) => ({ ...fix, isPreferred: false })),
        ],
      });
    }
  },
};
export default missingStepRule;

type Style = ReturnType<typeof stepHeadingStyle>;

/** The heading and body a missing step's section gets. */
function stepSection(step: StepDefinition, index: number, style: Style): { title: string; heading: string; body: string } {
  // The bundled skeleton belongs to the built-in step only; a custom rubric's section with the
  // same id has its own title (and maybe its own skeleton), which is what its headings match.
  const builtIn = step.skeleton === undefined && DEFAULT_RUBRIC.steps.some((s) => s.id === step.id && s.title === step.title);
  const skeleton = builtIn ? getStepSkeleton(step.id) : undefined;
  const number = skeleton?.number ?? index + 1;
  const title = skeleton?.title ?? step.title;
  // Titles, summaries and skeletons of a custom rubric come from a config file in the repository:
  // inserted as one line of text, or as the body of this one section, never as other structure.
  const headingText = skeleton ? title : configTextAsInlineMarkdown(title);
  const heading = `${'#'.repeat(style.level)} ${style.numbered ? `${number}. ` : ''}${headingText}`;
  const body = skeleton
    ? shiftHeadings(skeleton.body, 2, style.level)
    : (step.skeleton !== undefined && configSkeletonAsSection(step.skeleton, style.level)) || `_${configTextAsInlineMarkdown(step.summary)}_`;
  return { title, heading, body };
}

/**
 * Where a missing step's finding goes: the last non-blank line before its insertion point (the end
 * of the step before it, or of the document), not the next step's heading, which may carry its own
 * finding; the first line when nothing comes before.
 */
function lineBefore(doc: DesignDoc, at: Position): Range {
  const text = (line: number) => lineText(doc.text, doc.lineStarts, line);
  let line = Math.min(at.character > 0 ? at.line : at.line - 1, doc.lineCount - 1);
  while (line > 0 && text(line).trim() === '') line--;
  return line >= 0 ? lineRange(doc, line) : documentAnchor(doc);
}

/** The title of the section a missing step would be inserted before, if any. */
function nextStepSection(doc: DesignDoc, at: Position): string | undefined {
  const section = doc.sections.find((s) => s.headingRange.start.line === at.line && at.character === 0);
  return section ? quoted(section.title) : undefined;
}
