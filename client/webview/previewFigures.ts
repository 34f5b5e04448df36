// A diagram's figure in the list: its toolbar, caption, error box and viewport, and the error
// sentence shown above a diagram that does not render.
import type { DiagramInfo } from '../../server/src/protocol';
import { locateMermaidError, type MermaidErrorLocation } from '../../server/src/engine/mermaid/errorLocation';
import { explainMermaidError } from '../../server/src/engine/mermaid/errorText';

/** What an error was made of, kept per figure so its sentence follows the diagram when lines above it move. */
const figureErrors = new WeakMap<HTMLElement, { located: MermaidErrorLocation; code: string }>();

export function errorSentence(figure: HTMLElement, diagram: Pick<DiagramInfo, 'codeStartLine'>): { line: number; summary: string; details: string; translated: boolean } | undefined {
  const error = figureErrors.get(figure);
  if (!error) return undefined;
  const explained = explainMermaidError(error.located, error.code, { lineBase: diagram.codeStartLine + 1 });
  return { line: diagram.codeStartLine + error.located.line + 1, summary: explained.summary, details: explained.details, translated: explained.kind !== 'other' };
}

/**
 * Shows why the diagram did not render, above it. A diagram that rendered before keeps its last good
 * SVG below the message, dimmed, so a typo does not blank the picture the writer was looking at.
 */
export function showError(figure: HTMLElement, diagram: DiagramInfo, error: unknown): void {
  const located = locateMermaidError(error, diagram.code);
  figureErrors.set(figure, { located, code: diagram.code });
  const sentence = errorSentence(figure, diagram)!;
  const box = document.createElement('div');
  box.className = 'mlsd-error';
  box.setAttribute('role', 'alert');
  const where = document.createElement('strong');
  where.className = 'mlsd-error-line';
  where.textContent = `Line ${sentence.line}: `;
  const message = document.createElement('span');
  message.className = 'mlsd-error-message';
  message.textContent = sentence.summary;
  const source = document.createElement('pre');
  source.className = 'mlsd-error-source';
  source.textContent = (diagram.code.split(/\r?\n/)[located.line] ?? '').slice(0, 500);
  box.append(where, message, source);
  if (sentence.translated) {
    // Mermaid's own words stay available, folded away.
    const details = document.createElement('details');
    details.className = 'mlsd-error-details';
    const summary = document.createElement('summary');
    summary.textContent = "Mermaid's message";
    const text = document.createElement('code');
    text.textContent = sentence.details;
    details.append(summary, text);
    box.append(details);
  }
  const stale = !!viewportOf(figure).querySelector(':scope > svg');
  if (stale) {
    const note = document.createElement('p');
    note.className = 'mlsd-stale-note';
    note.textContent = 'Below: the last version that rendered.';
    box.append(note);
  }
  errorSlotOf(figure).replaceChildren(box);
  figure.classList.toggle('mlsd-stale', stale);
  figure.dataset.errorLine = String(sentence.line);
}

export function clearError(figure: HTMLElement): void {
  figureErrors.delete(figure);
  errorSlotOf(figure).replaceChildren();
  figure.classList.remove('mlsd-stale');
  delete figure.dataset.errorLine;
}

export function viewportOf(figure: HTMLElement): HTMLElement {
  return figure.querySelector<HTMLElement>('.mlsd-diagram')!;
}

export function errorSlotOf(figure: HTMLElement): HTMLElement {
  return figure.querySelector<HTMLElement>('.mlsd-error-slot')!;
}

function toolbarButton(action: string, label: string, title: string, className: string): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.action = action;
  button.className = className;
  button.textContent = label;
  button.title = title;
  button.setAttribute('aria-label', title);
  return button;
}

export function createFigure(index: number): HTMLElement {
  const figure = document.createElement('figure');
  figure.className = 'mlsd-entry';
  const toolbar = document.createElement('div');
  toolbar.className = 'mlsd-toolbar';
  const caption = document.createElement('span');
  caption.className = 'mlsd-caption';
  const zoomGroup = document.createElement('span');
  zoomGroup.className = 'mlsd-zoom';
  const level = document.createElement('span');
  level.className = 'mlsd-zoom-level';
  level.setAttribute('aria-live', 'polite');
  zoomGroup.append(
    toolbarButton('zoom-out', '\u2212', 'Zoom out (-)', 'mlsd-zoom-button'),
    level,
    toolbarButton('zoom-in', '+', 'Zoom in (+)', 'mlsd-zoom-button'),
    toolbarButton('zoom-fit', 'Fit', 'Fit to the width, at a readable size (0)', 'mlsd-zoom-button'),
  );
  toolbar.append(caption, zoomGroup);
  // Short labels so the toolbar stays on one line in a side split; the tooltips say it in full.
  for (const [action, label, title] of [
    ['copy', 'Copy', 'Copy SVG'],
    ['svg', 'SVG', 'Export SVG'],
    ['png', 'PNG', 'Export PNG'],
  ] as const) {
    toolbar.append(toolbarButton(action, label, title, 'mlsd-export-button'));
  }
  const errorSlot = document.createElement('div');
  errorSlot.className = 'mlsd-error-slot';
  const diagram = document.createElement('div');
  diagram.className = 'mlsd-diagram';
  diagram.title = 'Click to show the source in the editor; drag to pan, Ctrl+wheel or +/- to zoom';
  diagram.tabIndex = 0;
  diagram.textContent = 'Rendering…';
  figure.append(toolbar, errorSlot, diagram);
  figure.dataset.index = String(index);
  figure.dataset.zoom = 'fit';
  return figure;
}

export function describeFigure(figure: HTMLElement, diagram: DiagramInfo, index: number): void {
  figure.dataset.index = String(index);
  figure.dataset.line = String(diagram.line);
  figure.dataset.endLine = String(diagram.endLine);
  figure.querySelector('.mlsd-caption')!.textContent = `Diagram ${index + 1} · line ${diagram.line + 1}`;
  // A reused broken diagram: its line and sentence follow it when lines above it move.
  const sentence = errorSentence(figure, diagram);
  const label = figure.querySelector('.mlsd-error-line');
  if (sentence && label) {
    label.textContent = `Line ${sentence.line}: `;
    figure.querySelector('.mlsd-error-message')!.textContent = sentence.summary;
    figure.dataset.errorLine = String(sentence.line);
  }
}
