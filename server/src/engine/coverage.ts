// Coverage: for each step of the template and the two ML checks, present / thin / missing
// and the location that decided it.
import { CHECK_IDS, type ContentBlock, type Coverage, type CoverageEntry, type DesignDoc, type Section, type Template } from './types';
import { detectLatencyBudget } from './checks/latencyBudget';
import { isRichBlock } from './textMeasures';
import { detectMetricGap } from './checks/metricGap';
import { judgeSteps, type CheckResults } from './judgment/judge';

/** Words needed under a heading before the step counts as present rather than thin. */
const MIN_WORDS = 12;
/** The longest block must be a sentence: topic-word bullets ("* Monitoring", "* Updates") are placeholders. */
const MIN_WORDS_LONGEST_BLOCK = 5;

export interface StepContent {
  blocks: ContentBlock[];
  words: number;
  /** Words in the longest block. */
  longest: number;
  rich: boolean;
}

/** The content of a section for one step: its body plus descendants, except descendants that belong to other steps. */
export function stepContent(doc: DesignDoc, section: Section, stepId: string, blocksBySection = groupBlocksBySection(doc)): StepContent {
  const blocks: ContentBlock[] = [];
  const walk = (s: Section): void => {
    for (const b of blocksBySection[s.index] ?? []) if (!b.placeholder) blocks.push(b);
    for (const childIndex of s.children) {
      const child = doc.sections[childIndex];
      if (child.steps.length && !child.steps.includes(stepId)) continue;
      walk(child);
    }
  };
  walk(section);
  let words = 0;
  let longest = 0;
  let rich = false;
  for (const b of blocks) {
    words += b.words;
    longest = Math.max(longest, b.words);
    if (isRichBlock(b.kind) || b.kind === 'table-row') rich = true;
  }
  return { blocks, words, longest, rich };
}

/** Content blocks indexed by the section they belong to (built once per coverage pass). */
export function groupBlocksBySection(doc: DesignDoc): ContentBlock[][] {
  const grouped: ContentBlock[][] = [];
  for (const b of doc.blocks) if (b.sectionIndex !== undefined) (grouped[b.sectionIndex] ??= []).push(b);
  return grouped;
}

export function isSubstantial(content: StepContent): boolean {
  return content.rich || (content.words >= MIN_WORDS && content.longest >= MIN_WORDS_LONGEST_BLOCK);
}

function proseHits(doc: DesignDoc, phrases: string[], excludeSections: Set<number>): { count: number; firstLine?: number } {
  const found = new Set<string>();
  let firstLine: number | undefined;
  for (const b of doc.blocks) {
    if (b.kind === 'code' || b.kind === 'mermaid' || b.kind === 'math' || b.placeholder) continue;
    if (b.sectionIndex !== undefined && excludeSections.has(b.sectionIndex)) continue;
    const text = ` ${b.text.toLowerCase()} `;
    for (const phrase of phrases) {
      if (found.has(phrase)) continue;
      if (containsPhrase(text, phrase)) {
        found.add(phrase);
        if (firstLine === undefined || b.line < firstLine) firstLine = b.line;
      }
    }
  }
  return { count: found.size, firstLine };
}

/** Whole-word-ish containment: the phrase must start at a word boundary. */
export function containsPhrase(lowerText: string, phrase: string): boolean {
  let i = lowerText.indexOf(phrase);
  while (i !== -1) {
    const before = lowerText.charCodeAt(i - 1);
    if (!(isWordChar(before))) {
      const endsAlpha = /[\p{L}\p{N}]$/u.test(phrase);
      const after = lowerText.charCodeAt(i + phrase.length);
      // Short phrases must end on a word boundary too ("map@" and "fine-tun" are prefixes on purpose).
      if (!endsAlpha || phrase.length > 6 || !isWordChar(after)) return true;
    }
    i = lowerText.indexOf(phrase, i + 1);
  }
  return false;
}

function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
}

export function computeCoverage(doc: DesignDoc, template: Template): Coverage {
  const checks: CheckResults = {};
  if (template.mlChecks) {
    checks['metric-gap'] = detectMetricGap(doc);
    checks['latency-budget'] = detectLatencyBudget(doc);
  }
  const coverage = judgeSteps(doc, template, checks);
  if (template.mlChecks) {
    coverage['metric-gap'] = checks['metric-gap']!;
    coverage['latency-budget'] = checks['latency-budget']!;
  }
  return coverage;
}

/** Coverage ids in a stable order: the template's steps, then the checks, then anything else the engine added. */
export function coverageIds(coverage: Coverage, template: Template | undefined): string[] {
  const ordered = [...(template?.steps.map((step) => step.id) ?? []), ...CHECK_IDS].filter((id) => id in coverage);
  return [...ordered, ...Object.keys(coverage).filter((id) => !ordered.includes(id))];
}
