// Shared by the hint rules: the prose of one step and where to anchor a hint.
import type { Range, RuleContext } from '../types';
import { coverageSection, documentAnchor, headingLineRange, proseText, stepSectionIndexes } from './util';

export function stepText(ctx: RuleContext, stepId: string): string {
  const indexes = stepSectionIndexes(ctx.doc, stepId);
  return proseText(ctx.doc, (i) => i !== undefined && indexes.has(i));
}

export function anchorFor(ctx: RuleContext, stepId: string): Range {
  const section = coverageSection(ctx, stepId);
  return section ? headingLineRange(ctx.doc, section) : documentAnchor(ctx.doc);
}
