// The diagram preview page. Runs inside the VS Code webview (and, unchanged, in the browser
// tests): receives the document's mermaid blocks, renders each with the bundled mermaid under
// a strict configuration, and re-renders only the blocks whose source or theme changed.
import mermaid, { type MermaidConfig } from 'mermaid';
import type { DiagramInfo } from '../../server/src/protocol';
import { locateMermaidError, type MermaidErrorLocation } from '../../server/src/engine/mermaid/errorLocation';
import { explainMermaidError } from '../../server/src/engine/mermaid/errorText';
import type { HostToPreviewMessage, PreviewExportTheme, PreviewPersistedState, PreviewThemeSetting, PreviewToHostMessage } from '../src/preview/messages';
import { clampZoom, fitScale, zoomAround, ZOOM_STEP } from './zoom';

interface VsCodeApi {
  postMessage(message: PreviewToHostMessage): void;
  getState(): PreviewPersistedState | undefined;
  setState(state: PreviewPersistedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** Mermaid's own default limit; bigger text is refused before it can stall the page. */
const MAX_DIAGRAM_CHARS = 50_000;

const vscode = acquireVsCodeApi();
const listElement = document.getElementById('mlsd-diagrams')!;
const statusElement = document.getElementById('mlsd-status')!;
const fileElement = document.getElementById('mlsd-file')!;
const summaryElement = document.getElementById('mlsd-summary')!;

/** A rendered (or failed) diagram, kept so an unchanged diagram is reused instead of re-rendered. */
interface Entry {
  key: string;
  figure: HTMLElement;
  failed: boolean;
}

let entries: Entry[] = [];
let currentUri = '';
let themeSetting: PreviewThemeSetting = 'auto';
let exportTheme: PreviewExportTheme = 'light';
let renderCounter = 0;
/** Updates arrive faster than renders finish: only the latest pending one matters. */
let pendingUpdate: Extract<HostToPreviewMessage, { type: 'update' }> | undefined;
let lastUpdate: Extract<HostToPreviewMessage, { type: 'update' }> | undefined;
let rendering = false;

// ---------------------------------------------------------------------------------------------
// Theme

interface ResolvedTheme {
  key: string;
  config: Pick<MermaidConfig, 'theme' | 'themeVariables'>;
}

function vscodeThemeKind(): 'light' | 'dark' | 'hc-dark' | 'hc-light' {
  const classes = document.body.classList;
  if (classes.contains('vscode-high-contrast-light')) return 'hc-light';
  if (classes.contains('vscode-high-contrast')) return 'hc-dark';
  if (classes.contains('vscode-dark')) return 'dark';
  return 'light';
}

function resolveTheme(): ResolvedTheme {
  if (themeSetting !== 'auto') return { key: themeSetting, config: { theme: themeSetting } };
  const kind = vscodeThemeKind();
  switch (kind) {
    case 'dark':
      return { key: kind, config: { theme: 'dark' } };
    case 'hc-dark':
      // Mermaid's themes are not high contrast: the base theme with black fills and bright lines is.
      return {
        key: kind,
        config: {
          theme: 'base',
          themeVariables: { background: '#000000', primaryColor: '#000000', primaryTextColor: '#ffffff', primaryBorderColor: '#6fc3df', secondaryColor: '#000000', tertiaryColor: '#000000', lineColor: '#ffffff', textColor: '#ffffff', darkMode: true },
        },
      };
    case 'hc-light':
      return {
        key: kind,
        config: {
          theme: 'base',
          themeVariables: { background: '#ffffff', primaryColor: '#ffffff', primaryTextColor: '#000000', primaryBorderColor: '#0f4a85', secondaryColor: '#ffffff', tertiaryColor: '#ffffff', lineColor: '#000000', textColor: '#000000' },
        },
      };
    default:
      return { key: kind, config: { theme: 'default' } };
  }
}

let appliedThemeKey = '';
/** The theme the list was last rendered in (exports may configure mermaid with another in between). */
let listThemeKey = '';

function configureMermaid(theme: ResolvedTheme): void {
  if (theme.key === appliedThemeKey) return;
  mermaid.initialize({
    startOnLoad: false,
    // strict: labels are sanitised, click callbacks are ignored, links are sanitised.
    securityLevel: 'strict',
    // None of these may be changed by a diagram's %%{init}%% directive or front matter config.
    secure: ['secure', 'securityLevel', 'startOnLoad', 'maxTextSize', 'maxEdges', 'suppressErrorRendering', 'dompurifyConfig', 'themeCSS', 'fontFamily', 'altFontFamily', 'htmlLabels'],
    maxTextSize: MAX_DIAGRAM_CHARS,
    // We show errors ourselves; mermaid's error SVG would hide the message and line.
    suppressErrorRendering: true,
    // SVG <text> labels instead of HTML in foreignObject: no HTML in the output at all, and
    // the SVG can be drawn to a canvas for PNG export without tainting it.
    htmlLabels: false,
    flowchart: { htmlLabels: false },
    logLevel: 5,
    ...theme.config,
  });
  appliedThemeKey = theme.key;
}

/** Mermaid's light theme, what exports use unless `mlsd.preview.exportTheme` is "current". */
const LIGHT_THEME: ResolvedTheme = { key: 'export-light', config: { theme: 'default' } };
/** Themes drawn dark on light: an export in one of them needs no re-render for a light background. */
const LIGHT_KEYS = new Set(['light', 'hc-light', 'default', 'forest', 'neutral']);

/** Mermaid's configuration is global: renders (the list's and an export's) take turns. */
let mermaidTurn: Promise<unknown> = Promise.resolve();
function withMermaid<T>(theme: ResolvedTheme, work: () => Promise<T>): Promise<T> {
  const run = mermaidTurn.then(() => {
    configureMermaid(theme);
    return work();
  });
  mermaidTurn = run.catch(() => undefined);
  return run;
}

// ---------------------------------------------------------------------------------------------
// Rendering

function entryKey(code: string, themeKey: string): string {
  return `${themeKey}\u0000${code}`;
}

/** Elements that never survive into the page, whatever mermaid or its sanitiser let through. */
const FORBIDDEN_ELEMENTS = new Set(['script', 'iframe', 'object', 'embed', 'frame', 'frameset', 'base', 'meta', 'link']);

/** Removes an element's inline handlers and links that leave the diagram; false when the element itself must go. */
function scrubElement(element: Element): boolean {
  if (FORBIDDEN_ELEMENTS.has(element.localName.toLowerCase())) return false;
  for (const attribute of Array.from(element.attributes)) {
    const name = attribute.name.toLowerCase();
    const value = attribute.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
    if (name.startsWith('on')) element.removeAttribute(attribute.name);
    else if ((name === 'href' || name === 'xlink:href' || name === 'src' || name === 'action' || name === 'formaction') && !value.startsWith('#') && !value.startsWith('data:image/')) element.removeAttribute(attribute.name);
  }
  return true;
}

/** Defence in depth after mermaid's own DOMPurify pass: nothing executable survives into the page. */
function scrub(root: ParentNode): void {
  for (const element of Array.from(root.querySelectorAll('*'))) if (!scrubElement(element)) element.remove();
}

// Mermaid draws a diagram in the live page before it serialises and sanitises it (it measures text,
// so it needs a rendered document). It draws here, not in the page's body or list: off screen, inert,
// hidden from assistive technology, emptied after every render, and scrubbed as it grows (a mutation
// observer runs before any event an inserted element could fire, such as an image's error). What
// mermaid returns is parsed into an inert template and scrubbed again before it is inserted.
const stagingElement = document.createElement('div');
stagingElement.id = 'mlsd-staging';
stagingElement.setAttribute('aria-hidden', 'true');
stagingElement.inert = true;
stagingElement.style.cssText = 'position:absolute;left:-100000px;top:0;visibility:hidden;pointer-events:none;contain:strict;width:1000px;height:1000px;overflow:hidden';
document.body.append(stagingElement);
new MutationObserver((records) => {
  for (const record of records) {
    if (record.type === 'attributes') {
      const name = record.attributeName?.toLowerCase() ?? '';
      if ((name.startsWith('on') || name === 'href' || name === 'xlink:href' || name === 'src') && record.target instanceof Element) scrubElement(record.target);
      continue;
    }
    for (const node of Array.from(record.addedNodes)) {
      if (!(node instanceof Element)) continue;
      if (!scrubElement(node)) node.remove();
      else scrub(node);
    }
  }
}).observe(stagingElement, { childList: true, subtree: true, attributes: true });

/** What an error was made of, kept per figure so its sentence follows the diagram when lines above it move. */
const figureErrors = new WeakMap<HTMLElement, { located: MermaidErrorLocation; code: string }>();

function errorSentence(figure: HTMLElement, diagram: Pick<DiagramInfo, 'codeStartLine'>): { line: number; summary: string; details: string; translated: boolean } | undefined {
  const error = figureErrors.get(figure);
  if (!error) return undefined;
  const explained = explainMermaidError(error.located, error.code, { lineBase: diagram.codeStartLine + 1 });
  return { line: diagram.codeStartLine + error.located.line + 1, summary: explained.summary, details: explained.details, translated: explained.kind !== 'other' };
}

/**
 * Shows why the diagram did not render, above it. A diagram that rendered before keeps its last good
 * SVG below the message, dimmed, so a typo does not blank the picture the writer was looking at.
 */
function showError(figure: HTMLElement, diagram: DiagramInfo, error: unknown): void {
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

function clearError(figure: HTMLElement): void {
  figureErrors.delete(figure);
  errorSlotOf(figure).replaceChildren();
  figure.classList.remove('mlsd-stale');
  delete figure.dataset.errorLine;
}

/** Renders `code` with `theme` into an inert, scrubbed SVG element (not yet in the page). */
async function renderSvg(code: string, theme: ResolvedTheme): Promise<SVGSVGElement> {
  const id = `mlsd-svg-${++renderCounter}`;
  try {
    const { svg } = await withMermaid(theme, () => {
      // As wide as the list, so diagrams that fill their container's width (gantt) get the same size.
      stagingElement.style.width = `${Math.max(listElement.clientWidth, 300)}px`;
      return mermaid.render(id, code, stagingElement);
    });
    const template = document.createElement('template');
    // The template's content is inert (no script runs, nothing loads) until scrubbed and adopted.
    template.innerHTML = svg;
    scrub(template.content);
    const element = template.content.querySelector('svg');
    if (!element) throw new Error('mermaid returned no SVG');
    return element;
  } finally {
    // Mermaid leaves its scratch container behind when a diagram fails to draw.
    stagingElement.replaceChildren();
    document.getElementById(`d${id}`)?.remove();
  }
}

async function renderInto(figure: HTMLElement, diagram: DiagramInfo, theme: ResolvedTheme): Promise<boolean> {
  if (diagram.code.length > MAX_DIAGRAM_CHARS) {
    showError(figure, diagram, new Error(`Diagram too large to render: ${diagram.code.length.toLocaleString('en-US')} characters, mermaid's limit is ${MAX_DIAGRAM_CHARS.toLocaleString('en-US')}.`));
    return false;
  }
  try {
    const svg = await renderSvg(diagram.code, theme);
    const size = naturalSize(svg);
    svg.dataset.naturalWidth = String(size.width);
    svg.dataset.naturalHeight = String(size.height);
    // The page sizes the SVG itself (fit or zoom), in pixels: mermaid's width="100%" and max-width go.
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.style.removeProperty('max-width');
    viewportOf(figure).replaceChildren(svg);
    renderedCode.set(figure, diagram.code);
    clearError(figure);
    figure.classList.add('mlsd-has-svg');
    applyZoom(figure);
    return true;
  } catch (error) {
    showError(figure, diagram, error);
    return false;
  }
}

function viewportOf(figure: HTMLElement): HTMLElement {
  return figure.querySelector<HTMLElement>('.mlsd-diagram')!;
}

function errorSlotOf(figure: HTMLElement): HTMLElement {
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

function createFigure(index: number): HTMLElement {
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

function describeFigure(figure: HTMLElement, diagram: DiagramInfo, index: number): void {
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

/** Makes `parent`'s children exactly `wanted`, moving only the nodes that are out of place. */
function reconcileChildren(parent: HTMLElement, wanted: Node[]): void {
  let cursor = parent.firstChild;
  for (const node of wanted) {
    if (node === cursor) {
      cursor = cursor.nextSibling;
      continue;
    }
    parent.insertBefore(node, cursor);
  }
  while (cursor) {
    const next = cursor.nextSibling;
    cursor.remove();
    cursor = next;
  }
}

function nextFrame(): Promise<void> {
  // Yield between diagrams so typing, scrolling and clicks stay responsive during long passes.
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function applyUpdate(update: Extract<HostToPreviewMessage, { type: 'update' }>): Promise<void> {
  const started = performance.now();
  const documentChanged = update.uri !== currentUri;
  currentUri = update.uri;
  themeSetting = update.theme;
  exportTheme = update.exportTheme === 'current' ? 'current' : 'light';
  lastUpdate = update;
  const theme = resolveTheme();
  listThemeKey = theme.key;
  fileElement.textContent = update.fileName;
  statusElement.hidden = update.diagrams.length > 0;
  if (update.diagrams.length === 0) statusElement.textContent = 'No mermaid diagrams in this document.';

  // Match unchanged diagrams to existing figures by source, so inserting one diagram does not re-render the rest.
  const available = new Map<string, Entry[]>();
  for (const entry of documentChanged ? [] : entries) {
    const list = available.get(entry.key) ?? [];
    list.push(entry);
    available.set(entry.key, list);
  }
  const next: (Entry | undefined)[] = [];
  const toRender: { entry: Entry; diagram: DiagramInfo }[] = [];
  const unmatched: number[] = [];
  update.diagrams.forEach((diagram, index) => {
    const key = entryKey(diagram.code, theme.key);
    const reused = available.get(key)?.shift();
    if (reused) next[index] = reused;
    else unmatched.push(index);
  });
  // A changed diagram takes over the figure of the one it replaced (the old figures left over, in
  // order): its last good SVG and zoom stay on screen while it re-renders, and if the new text
  // does not parse, the last good render stays visible, dimmed, under the error.
  const reusedEntries = new Set(next.filter((e): e is Entry => !!e));
  const leftovers = documentChanged ? [] : entries.filter((entry) => !reusedEntries.has(entry));
  const savedZoom = zoomByDocument[update.uri] ?? {};
  for (const index of unmatched) {
    const diagram = update.diagrams[index]!;
    const key = entryKey(diagram.code, theme.key);
    const previous = leftovers.shift();
    const entry: Entry = previous ? { key, figure: previous.figure, failed: previous.failed } : { key, figure: createFigure(index), failed: false };
    if (!previous) {
      const zoom = savedZoom[String(index)];
      if (typeof zoom === 'number' && Number.isFinite(zoom)) entry.figure.dataset.zoom = String(clampZoom(zoom));
    }
    next[index] = entry;
    toRender.push({ entry, diagram });
  }
  update.diagrams.forEach((diagram, index) => describeFigure(next[index]!.figure, diagram, index));

  // Put the list in document order touching only what changed: moving an SVG re-computes its
  // styles, which for 50 diagrams costs more than rendering the one that changed.
  const headingPool = new Map<string, HTMLElement[]>();
  for (const existing of Array.from(listElement.querySelectorAll<HTMLElement>(':scope > .mlsd-heading'))) {
    const list = headingPool.get(existing.textContent ?? '') ?? [];
    list.push(existing);
    headingPool.set(existing.textContent ?? '', list);
  }
  const nodes: Node[] = [];
  let previousHeading: string | null | undefined;
  update.diagrams.forEach((diagram, index) => {
    if (diagram.heading !== previousHeading) {
      const text = diagram.heading ?? 'Before the first heading';
      let heading = headingPool.get(text)?.shift();
      if (!heading) {
        heading = document.createElement('h2');
        heading.className = 'mlsd-heading';
        heading.textContent = text;
      }
      nodes.push(heading);
      previousHeading = diagram.heading;
    }
    nodes.push(next[index]!.figure);
  });
  const scrollBefore = window.scrollY;
  reconcileChildren(listElement, nodes);
  if (!documentChanged && window.scrollY !== scrollBefore) window.scrollTo(0, scrollBefore);
  // Reused figures keep their size (the resize observer follows the width); rendered ones are sized as they land.
  entries = next as Entry[];

  let failed = entries.filter((e) => e.failed && !toRender.some((r) => r.entry === e)).length;
  document.body.dataset.renderState = 'rendering';
  const done = new Set<Entry>();
  for (const { entry, diagram } of toRender) {
    if (pendingUpdate) break; // a newer version arrived: render that instead
    entry.failed = !(await renderInto(entry.figure, diagram, theme));
    done.add(entry);
    entry.figure.classList.toggle('mlsd-failed', entry.failed);
    if (entry.failed) failed++;
    await nextFrame();
  }
  if (pendingUpdate) {
    // Entries not rendered must not be reused as if they were; their figures may still take the next version.
    for (const { entry } of toRender) if (!done.has(entry)) entry.key = '\u0001not rendered';
    return;
  }
  document.body.dataset.renderState = 'idle';
  summaryElement.textContent = `${update.diagrams.length} diagram${update.diagrams.length === 1 ? '' : 's'}${failed ? `, ${failed} with errors` : ''}`;
  if (documentChanged) restoreScroll();
  saveState();
  vscode.postMessage({ type: 'rendered', uri: update.uri, version: update.version, total: update.diagrams.length, rendered: toRender.length, reused: update.diagrams.length - toRender.length, failed, ms: Math.round(performance.now() - started) });
}

async function drainUpdates(): Promise<void> {
  if (rendering) return;
  rendering = true;
  try {
    while (pendingUpdate) {
      const update = pendingUpdate;
      pendingUpdate = undefined;
      await applyUpdate(update);
    }
  } catch (error) {
    vscode.postMessage({ type: 'problem', message: `Preview failed: ${error instanceof Error ? error.message : String(error)}` });
  } finally {
    rendering = false;
    document.body.dataset.renderState = 'idle';
  }
}

function showStatus(message: string): void {
  pendingUpdate = undefined;
  entries = [];
  currentUri = '';
  listElement.replaceChildren();
  fileElement.textContent = '';
  summaryElement.textContent = '';
  statusElement.textContent = message;
  statusElement.hidden = false;
}

// ---------------------------------------------------------------------------------------------
// State, scroll, theme changes

/** Zoom per document and diagram, as saved in the webview state (PreviewPersistedState.zoom). */
const zoomByDocument: Record<string, Record<string, number>> = (() => {
  const saved = vscode.getState()?.zoom;
  const result: Record<string, Record<string, number>> = {};
  if (saved && typeof saved === 'object') {
    for (const [uri, zooms] of Object.entries(saved)) {
      if (!zooms || typeof zooms !== 'object') continue;
      const clean: Record<string, number> = {};
      for (const [index, zoom] of Object.entries(zooms)) if (typeof zoom === 'number' && Number.isFinite(zoom)) clean[index] = clampZoom(zoom);
      if (Object.keys(clean).length > 0) result[uri] = clean;
    }
  }
  return result;
})();
/** Documents whose zoom is remembered; the least recently zoomed go first past this. */
const MAX_ZOOMED_DOCUMENTS = 50;

function rememberZoom(figure: HTMLElement): void {
  if (!currentUri) return;
  const zooms = zoomByDocument[currentUri] ?? {};
  delete zoomByDocument[currentUri];
  const index = figure.dataset.index ?? '0';
  if (figure.dataset.zoom === 'fit' || figure.dataset.zoom === undefined) delete zooms[index];
  else zooms[index] = Number(figure.dataset.zoom);
  // Re-inserted last: the object's key order is the order of use.
  if (Object.keys(zooms).length > 0) zoomByDocument[currentUri] = zooms;
  const uris = Object.keys(zoomByDocument);
  for (const uri of uris.slice(0, Math.max(0, uris.length - MAX_ZOOMED_DOCUMENTS))) delete zoomByDocument[uri];
  saveState();
}

function saveState(): void {
  const state: PreviewPersistedState = { uri: currentUri, scrollY: window.scrollY };
  if (Object.keys(zoomByDocument).length > 0) state.zoom = zoomByDocument;
  vscode.setState(state);
}

function restoreScroll(): void {
  const state = vscode.getState();
  window.scrollTo(0, state && state.uri === currentUri ? state.scrollY : 0);
}

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
  clearTimeout(scrollTimer);
  scrollTimer = setTimeout(saveState, 200);
});

// VS Code switches these body classes when the colour theme changes.
new MutationObserver(() => {
  if (themeSetting !== 'auto' || !lastUpdate || resolveTheme().key === listThemeKey) return;
  pendingUpdate = { ...lastUpdate };
  void drainUpdates();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

// ---------------------------------------------------------------------------------------------
// Interaction: reveal, copy, export

// --- Zoom and pan --------------------------------------------------------------------------------

/** The diagram's own size: mermaid's viewBox (its drawing), whatever size the page shows it at. */
function naturalSize(svg: SVGSVGElement): { x: number; y: number; width: number; height: number } {
  const viewBox = (svg.getAttribute('viewBox') ?? '').trim().split(/[\s,]+/).map(Number);
  if (viewBox.length === 4 && viewBox.every(Number.isFinite) && viewBox[2]! > 0 && viewBox[3]! > 0) {
    return { x: viewBox[0]!, y: viewBox[1]!, width: viewBox[2]!, height: viewBox[3]! };
  }
  const width = Number.parseFloat(svg.getAttribute('width') ?? '') || Number.parseFloat(svg.style.maxWidth) || 800;
  const height = Number.parseFloat(svg.getAttribute('height') ?? '') || 600;
  return { x: 0, y: 0, width, height };
}

function diagramSvg(figure: HTMLElement): SVGSVGElement | null {
  return figure.querySelector<SVGSVGElement>('.mlsd-diagram > svg');
}

/** The scale the figure's diagram is shown at now. */
function currentScale(figure: HTMLElement): number {
  const svg = diagramSvg(figure);
  if (!svg) return 1;
  const mode = figure.dataset.zoom ?? 'fit';
  if (mode !== 'fit') return clampZoom(Number(mode));
  const viewport = viewportOf(figure);
  const style = getComputedStyle(viewport);
  const available = viewport.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
  return fitScale(available, Number(svg.dataset.naturalWidth));
}

/** Sizes the figure's SVG in pixels for its zoom ("fit" or a scale) and updates the toolbar's level. */
function applyZoom(figure: HTMLElement): void {
  const svg = diagramSvg(figure);
  if (!svg) return;
  const scale = currentScale(figure);
  svg.style.width = `${Number(svg.dataset.naturalWidth) * scale}px`;
  svg.style.height = `${Number(svg.dataset.naturalHeight) * scale}px`;
  const fit = (figure.dataset.zoom ?? 'fit') === 'fit';
  figure.querySelector('.mlsd-zoom-level')!.textContent = `${Math.round(scale * 100)}%${fit ? ' (fit)' : ''}`;
  figure.dataset.scale = String(Math.round(scale * 1000) / 1000);
  const viewport = viewportOf(figure);
  viewport.classList.toggle('mlsd-pannable', viewport.scrollWidth > viewport.clientWidth + 1 || svg.getBoundingClientRect().height > window.innerHeight);
}

/** Sets the zoom ("fit" or a scale), keeping the content point at `pointerX` of the viewport in place. */
function setZoom(figure: HTMLElement, zoom: number | 'fit', pointerX?: number): void {
  const viewport = viewportOf(figure);
  const before = currentScale(figure);
  figure.dataset.zoom = zoom === 'fit' ? 'fit' : String(clampZoom(zoom));
  const anchor = pointerX ?? viewport.clientWidth / 2;
  const scrollBefore = viewport.scrollLeft;
  applyZoom(figure);
  viewport.scrollLeft = zoomAround(scrollBefore, anchor, before, currentScale(figure));
  rememberZoom(figure);
}

function zoomBy(figure: HTMLElement, factor: number, pointerX?: number): void {
  setZoom(figure, clampZoom(currentScale(figure) * factor), pointerX);
}

// Fitted diagrams follow the width of the preview (the split moved, the panel was resized).
let lastListWidth = 0;
new ResizeObserver(() => {
  const width = listElement.clientWidth;
  if (width === lastListWidth) return;
  lastListWidth = width;
  for (const figure of Array.from(listElement.querySelectorAll<HTMLElement>('.mlsd-entry'))) applyZoom(figure);
}).observe(listElement);

/** Dragging a diagram pans it: sideways within its frame, up and down with the page. */
interface Drag {
  pointerId: number;
  viewport: HTMLElement;
  startX: number;
  startY: number;
  scrollLeft: number;
  scrollY: number;
  moved: boolean;
}
let drag: Drag | undefined;
/** Set when a drag ends, so the click that follows does not also reveal the source. */
let swallowClick = false;

listElement.addEventListener('pointerdown', (event) => {
  if (event.button !== 0) return;
  const viewport = (event.target as Element).closest<HTMLElement>('.mlsd-diagram');
  if (!viewport || !viewport.querySelector(':scope > svg')) return;
  drag = { pointerId: event.pointerId, viewport, startX: event.clientX, startY: event.clientY, scrollLeft: viewport.scrollLeft, scrollY: window.scrollY, moved: false };
});

listElement.addEventListener('pointermove', (event) => {
  if (!drag || event.pointerId !== drag.pointerId) return;
  const dx = event.clientX - drag.startX;
  const dy = event.clientY - drag.startY;
  if (!drag.moved) {
    if (Math.hypot(dx, dy) < 4) return;
    drag.moved = true;
    drag.viewport.classList.add('mlsd-panning');
    drag.viewport.setPointerCapture?.(event.pointerId);
  }
  event.preventDefault();
  drag.viewport.scrollLeft = drag.scrollLeft - dx;
  window.scrollTo(window.scrollX, drag.scrollY - dy);
});

function endDrag(event: PointerEvent): void {
  if (!drag || event.pointerId !== drag.pointerId) return;
  if (drag.moved) {
    swallowClick = true;
    setTimeout(() => (swallowClick = false), 0);
    drag.viewport.classList.remove('mlsd-panning');
  }
  drag = undefined;
}
listElement.addEventListener('pointerup', endDrag);
listElement.addEventListener('pointercancel', endDrag);

listElement.addEventListener(
  'wheel',
  (event) => {
    // Ctrl (or Cmd) + wheel zooms the diagram under the pointer; a plain wheel scrolls the page.
    if (!event.ctrlKey && !event.metaKey) return;
    const viewport = (event.target as Element).closest<HTMLElement>('.mlsd-diagram');
    const figure = viewport?.closest<HTMLElement>('.mlsd-entry');
    if (!viewport || !figure || !diagramSvg(figure)) return;
    event.preventDefault();
    const pointerX = event.clientX - viewport.getBoundingClientRect().left;
    zoomBy(figure, event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, pointerX);
  },
  { passive: false },
);

// --- Copy and export --------------------------------------------------------------------------------

/** The source each figure's SVG was drawn from, for exports in another theme. */
const renderedCode = new WeakMap<HTMLElement, string>();

const EXPORT_BACKGROUND_LIGHT = '#ffffff';

/**
 * A standalone copy of a diagram for export: the size it was drawn at in `width`/`height` (not
 * mermaid's width="100%", which an <img> shows 300 px wide), and an opaque background as its first
 * shape, so its edges do not vanish on a dark page and the PNG matches it.
 */
function exportableSvg(svg: SVGSVGElement, background: string): SVGSVGElement {
  const box = naturalSize(svg);
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  copy.setAttribute('viewBox', `${box.x} ${box.y} ${box.width} ${box.height}`);
  copy.setAttribute('width', String(Math.ceil(box.width)));
  copy.setAttribute('height', String(Math.ceil(box.height)));
  copy.removeAttribute('style');
  copy.removeAttribute('data-natural-width');
  copy.removeAttribute('data-natural-height');
  copy.style.backgroundColor = background;
  const backdrop = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  backdrop.setAttribute('class', 'mlsd-export-background');
  backdrop.setAttribute('x', String(box.x));
  backdrop.setAttribute('y', String(box.y));
  backdrop.setAttribute('width', String(box.width));
  backdrop.setAttribute('height', String(box.height));
  backdrop.setAttribute('fill', background);
  const firstShape = Array.from(copy.children).find((child) => child.localName !== 'style' && child.localName !== 'defs' && child.localName !== 'title' && child.localName !== 'desc');
  copy.insertBefore(backdrop, firstShape ?? null);
  return copy;
}

/** The diagram as exports draw it: mermaid's light theme on white by default, or as shown ("current"). */
async function svgForExport(figure: HTMLElement): Promise<SVGSVGElement> {
  const shown = diagramSvg(figure);
  if (!shown) throw new Error('the diagram did not render');
  if (exportTheme === 'current') {
    const background = getComputedStyle(document.body).backgroundColor || EXPORT_BACKGROUND_LIGHT;
    return exportableSvg(shown, background);
  }
  const code = renderedCode.get(figure);
  // Already light (the light VS Code theme, or a light mermaid theme chosen in the settings): draw as shown.
  if (LIGHT_KEYS.has(listThemeKey) || code === undefined) return exportableSvg(shown, EXPORT_BACKGROUND_LIGHT);
  return exportableSvg(await renderSvg(code, LIGHT_THEME), EXPORT_BACKGROUND_LIGHT);
}

function serializeSvg(svg: SVGSVGElement): string {
  return new XMLSerializer().serializeToString(svg);
}

/** A PNG at twice the diagram's own size (sharp on high-density screens and in slides). */
const PNG_SCALE = 2;

async function svgToPng(svg: SVGSVGElement): Promise<string> {
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height'));
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the SVG could not be loaded as an image'));
  });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(serializeSvg(svg))}`;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = width * PNG_SCALE;
  canvas.height = height * PNG_SCALE;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.fillStyle = svg.style.backgroundColor || EXPORT_BACKGROUND_LIGHT;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png');
}

async function onAction(figure: HTMLElement, action: string): Promise<void> {
  if (action === 'zoom-in') return zoomBy(figure, ZOOM_STEP);
  if (action === 'zoom-out') return zoomBy(figure, 1 / ZOOM_STEP);
  if (action === 'zoom-fit') return setZoom(figure, 'fit');
  const index = Number(figure.dataset.index);
  if (!diagramSvg(figure) || figure.classList.contains('mlsd-failed')) {
    vscode.postMessage({ type: 'problem', message: 'This diagram did not render, so there is nothing to copy or export.' });
    return;
  }
  try {
    const svg = await svgForExport(figure);
    if (action === 'copy') vscode.postMessage({ type: 'copySvg', svg: serializeSvg(svg) });
    else if (action === 'svg') vscode.postMessage({ type: 'export', format: 'svg', uri: currentUri, index, data: serializeSvg(svg) });
    else if (action === 'png') vscode.postMessage({ type: 'export', format: 'png', uri: currentUri, index, data: await svgToPng(svg) });
  } catch (error) {
    vscode.postMessage({ type: 'problem', message: `Export failed: ${error instanceof Error ? error.message : String(error)}` });
  }
}

function revealSource(figure: HTMLElement): void {
  vscode.postMessage({ type: 'reveal', uri: currentUri, line: Number(figure.dataset.line), endLine: Number(figure.dataset.endLine) });
}

listElement.addEventListener('click', (event) => {
  const target = event.target as Element;
  // Links inside diagrams never navigate the webview anywhere.
  if (target.closest('a')) event.preventDefault();
  const figure = target.closest<HTMLElement>('.mlsd-entry');
  if (!figure) return;
  const button = target.closest<HTMLButtonElement>('button[data-action]');
  if (button) void onAction(figure, button.dataset.action!);
  else if (swallowClick) swallowClick = false;
  else if (target.closest('.mlsd-diagram')) revealSource(figure);
});

listElement.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if (!target.classList.contains('mlsd-diagram')) return;
  const figure = target.closest<HTMLElement>('.mlsd-entry')!;
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    revealSource(figure);
  } else if ((event.key === '+' || event.key === '=') && !event.ctrlKey && !event.metaKey) {
    event.preventDefault();
    zoomBy(figure, ZOOM_STEP);
  } else if (event.key === '-' && !event.ctrlKey && !event.metaKey) {
    event.preventDefault();
    zoomBy(figure, 1 / ZOOM_STEP);
  } else if (event.key === '0' && !event.ctrlKey && !event.metaKey) {
    event.preventDefault();
    setZoom(figure, 'fit');
  }
});

// ---------------------------------------------------------------------------------------------
// Messages from the extension

function isUpdate(message: unknown): message is Extract<HostToPreviewMessage, { type: 'update' }> {
  const m = message as Partial<Extract<HostToPreviewMessage, { type: 'update' }>> | null;
  return !!m && m.type === 'update' && typeof m.uri === 'string' && Array.isArray(m.diagrams) && m.diagrams.every((d) => d && typeof d.code === 'string' && Number.isInteger(d.line) && Number.isInteger(d.codeStartLine));
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data as HostToPreviewMessage | null;
  if (isUpdate(message)) {
    pendingUpdate = message;
    void drainUpdates();
  } else if (message && message.type === 'status' && typeof message.message === 'string') {
    showStatus(message.message);
  }
});

vscode.postMessage({ type: 'ready' });
