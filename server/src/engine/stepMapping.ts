// The step-mapping policy: which of the rubric's steps a section maps to, given its title and
// where it sits in the heading tree. The model builder (model.ts) asks; the policy lives here.
//   - The document's title (its only level-1 heading, first of all) names the doc, not a step.
//   - A title that names a step plainly outweighs one it reaches only through an ambiguous word
//     ("Deep learning architectures").
//   - A weak-only match ("Overview", "Architecture") counts under an enclosing section only when
//     that section belongs to the same step.
import type { HeadingMatcher } from './headingMatch';
import type { ChunkSummary } from './parse';
import type { Section } from './types';

export interface StepMapper {
  /** The steps a section titled `title` under `parent` maps to. */
  stepsFor(title: string, parent: Section | undefined): string[];
  /** Of `steps`, those the title reaches only through an ambiguous word, if any. */
  weakStepsOf(title: string, steps: string[]): string[] | undefined;
}

/** `sections` is the builder's list, read as it grows (a parent's steps are looked up by index). */
export function createStepMapper(matcher: HeadingMatcher, sections: readonly Section[]): StepMapper {
  const mappedAncestorSteps = (parent: Section | undefined): string[] | undefined => {
    for (let s = parent; s; s = s.parent !== undefined ? sections[s.parent] : undefined) if (s.steps.length) return s.steps;
    return undefined;
  };

  return {
    /** Drops weak-only matches when an enclosing section already belongs to another step. */
    stepsFor(title, parent) {
      const { steps: matched, weakOnly } = matcher.match(title);
      // "Deep learning architectures": a step the heading names plainly outweighs one it reaches only
      // through an ambiguous word.
      const steps = matched.some((id) => !weakOnly.get(id)) ? matched.filter((id) => !weakOnly.get(id)) : matched;
      const ancestor = mappedAncestorSteps(parent);
      if (!ancestor) return steps;
      return steps.filter((id) => !weakOnly.get(id) || ancestor.includes(id));
    },
    weakStepsOf(title, steps) {
      const { weakOnly } = matcher.match(title);
      const weak = steps.filter((id) => weakOnly.get(id));
      return weak.length ? weak : undefined;
    },
  };
}

/** Whether the document has exactly one level-1 heading (then the first section, if it is that heading, is the title). */
export function hasSingleH1(summaries: Iterable<Pick<ChunkSummary, 'items'>>): boolean {
  let h1Count = 0;
  for (const summary of summaries) for (const item of summary.items) if (item.kind === 'heading' && item.level === 1) h1Count++;
  return h1Count === 1;
}

/** The document's title ("News feed ranking", "ML system design: ads") names the doc, not a step. */
export function isDocumentTitle(level: number, sectionsBefore: number, singleH1: boolean): boolean {
  return level === 1 && sectionsBefore === 0 && singleH1;
}
