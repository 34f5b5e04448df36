// Document symbols: the document's headings as a tree, each step heading carrying its step
// and coverage status in the detail, and the steps the document lacks listed after them, so
// the outline shows the rubric at a glance. For editors without an outline of their own
// (Neovim, Helix, Emacs); the VS Code client drops them, as VS Code outlines Markdown itself.
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver';
import type { LintResult, Section, Rubric } from '../engine/types';
import { clampRange } from './diagnostics';

export function getDocumentSymbols(result: LintResult, rubric: Rubric): DocumentSymbol[] {
  const { doc, coverage } = result;
  const lineCount = doc.lineCount;
  const stepNumber = new Map(rubric.steps.map((step, index) => [step.id, index + 1]));
  const stepLabel = (stepId: string) => {
    const step = rubric.steps.find((s) => s.id === stepId);
    return step ? `Step ${stepNumber.get(stepId)}: ${step.title}, ${coverage[stepId]?.status ?? 'unknown'}` : stepId;
  };

  const toSymbol = (section: Section): DocumentSymbol => {
    const range = clampRange(section.range, lineCount);
    let selectionRange = clampRange(section.headingRange, lineCount);
    if (!contains(range, selectionRange)) selectionRange = { start: range.start, end: range.start };
    const children = section.children.map((index) => doc.sections[index]).filter((child): child is Section => child !== undefined);
    return {
      name: section.title.trim() || '(untitled heading)',
      detail: section.steps.map(stepLabel).join('; '),
      // Headings read as headings (as Markdown outlines show them), step or not; the detail names the step.
      kind: SymbolKind.String,
      range,
      selectionRange,
      children: children.map(toSymbol),
    };
  };

  const roots = doc.sections.filter((s) => s.parent === undefined);
  const symbols = roots.map(toSymbol);

  // Missing steps have no place in the text: they sit, empty, on the last line.
  const end = { line: Math.max(0, lineCount - 1), character: 0 };
  const atEnd: Range = { start: end, end };
  for (const step of rubric.steps) {
    if (coverage[step.id]?.status !== 'missing') continue;
    symbols.push({
      name: `${step.title} (missing)`,
      detail: `Step ${stepNumber.get(step.id)}: not covered yet`,
      kind: SymbolKind.Event,
      range: atEnd,
      selectionRange: atEnd,
    });
  }
  return symbols;
}

function contains(outer: Range, inner: Range): boolean {
  const le = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}
