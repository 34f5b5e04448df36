// "Fix all" until nothing more is fixable: the CLI's --fix and the fixture snapshots run this loop.
import type { Engine, LintOptions } from './engine';
import { applyEdits, collectAutoFixes } from './fixes';
import type { Finding, LintResult } from './types';

/** Fixes can enable others (a new section gets its table), but the loop never runs forever. */
export const MAX_FIX_PASSES = 10;

export interface FixOutcome {
  /** The text after the last pass that fixed something (the input when none did). */
  text: string;
  /** The lint of that text. */
  result: LintResult;
  /** Findings whose chosen fix made it in whole. */
  fixedCount: number;
  /** A lint of a fixed text in which a rule threw: the fixes could not be checked, so nothing is kept. */
  failure?: LintResult;
}

export function countFixable(findings: readonly Finding[]): number {
  return findings.filter((finding) => collectAutoFixes([finding]).length > 0).length;
}

/**
 * Applies every preferred fix, re-lints and repeats. A pass that leaves as many fixable findings as
 * before fixed nothing that counts (text inserted where it cannot be seen, say): it is dropped and
 * the loop stops, rather than insert the same text again.
 */
export async function fixUntilStable(engine: Engine, text: string, result: LintResult, options: LintOptions = {}): Promise<FixOutcome> {
  let fixedCount = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const edits = collectAutoFixes(result.findings);
    if (edits.length === 0) break;
    const fixed = applyEdits(text, edits);
    if (fixed === text) break;
    const next = await engine.lint(fixed, options);
    if (next.ruleFailures.length > 0) return { text, result, fixedCount, failure: next };
    if (countFixable(next.findings) >= countFixable(result.findings)) break;
    // A finding counts as fixed when every edit of its chosen fix made it into this round (overlaps wait for the next).
    fixedCount += result.findings.filter((finding) => {
      const own = collectAutoFixes([finding]);
      return own.length > 0 && own.every((edit) => edits.includes(edit));
    }).length;
    text = fixed;
    result = next;
  }
  return { text, result, fixedCount };
}
