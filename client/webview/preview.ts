// The diagram preview page. Runs inside the VS Code webview (and, unchanged, in the browser
// tests): receives the document's mermaid blocks, renders each with the bundled mermaid under
// a strict configuration, and re-renders only the blocks whose source or theme changed.
import mermaid, { type MermaidConfig } from 'mermaid';
import type { DiagramInfo } from '../../server/src/protocol';
import { locateMermaidError } from '../../server/src/engine/mermaid/errorLocation';
import type { HostToPreviewMessage, PreviewPersistedState, PreviewThemeSetting, PreviewToHostMessage } from '../src/preview/messages';

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

function showError(target: HTMLElement, diagram: DiagramInfo, error: unknown): void {
  const located = locateMermaidError(error, diagram.code);
  const documentLine = diagram.codeStartLine + located.line + 1;
  const box = document.createElement('div');
  box.className = 'mlsd-error';
  box.setAttribute('role', 'alert');
  const where = document.createElement('strong');
  where.className = 'mlsd-error-line';
  where.textContent = `Line ${documentLine}: `;
  const message = document.createElement('span');
  message.className = 'mlsd-error-message';
  message.textContent = located.message;
  const source = document.createElement('pre');
  source.className = 'mlsd-error-source';
  source.textContent = (diagram.code.split(/\r?\n/)[located.line] ?? '').slice(0, 500);
  box.append(where, message, source);
  target.replaceChildren(box);
  target.dataset.errorLine = String(documentLine);
  // Kept so the label follows the diagram when edits above it move it (the figure is reused).
  target.dataset.errorBlockLine = String(located.line);
}

async function renderInto(target: HTMLElement, diagram: DiagramInfo): Promise<boolean> {
  if (diagram.code.length > MAX_DIAGRAM_CHARS) {
    showError(target, diagram, new Error(`Diagram too large to render: ${diagram.code.length.toLocaleString('en-US')} characters, mermaid's limit is ${MAX_DIAGRAM_CHARS.toLocaleString('en-US')}.`));
    return false;
  }
  const id = `mlsd-svg-${++renderCounter}`;
  try {
    // As wide as the list, so diagrams that fill their container's width (gantt) get the same size.
    stagingElement.style.width = `${Math.max(listElement.clientWidth, 300)}px`;
    const { svg } = await mermaid.render(id, diagram.code, stagingElement);
    const template = document.createElement('template');
    // The template's content is inert (no script runs, nothing loads) until scrubbed and adopted.
    template.innerHTML = svg;
    scrub(template.content);
    target.replaceChildren(template.content);
    delete target.dataset.errorLine;
    delete target.dataset.errorBlockLine;
    return true;
  } catch (error) {
    showError(target, diagram, error);
    return false;
  } finally {
    // Mermaid leaves its scratch container behind when a diagram fails to draw.
    stagingElement.replaceChildren();
    document.getElementById(`d${id}`)?.remove();
  }
}

function createFigure(index: number): HTMLElement {
  const figure = document.createElement('figure');
  figure.className = 'mlsd-entry';
  const toolbar = document.createElement('div');
  toolbar.className = 'mlsd-toolbar';
  const caption = document.createElement('span');
  caption.className = 'mlsd-caption';
  toolbar.append(caption);
  for (const [action, label] of [
    ['copy', 'Copy SVG'],
    ['svg', 'Export SVG'],
    ['png', 'Export PNG'],
  ] as const) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.action = action;
    button.textContent = label;
    toolbar.append(button);
  }
  const diagram = document.createElement('div');
  diagram.className = 'mlsd-diagram';
  diagram.title = 'Click to show the source in the editor';
  diagram.tabIndex = 0;
  diagram.textContent = 'Rendering…';
  figure.append(toolbar, diagram);
  figure.dataset.index = String(index);
  return figure;
}

function describeFigure(figure: HTMLElement, diagram: DiagramInfo, index: number): void {
  figure.dataset.index = String(index);
  figure.dataset.line = String(diagram.line);
  figure.dataset.endLine = String(diagram.endLine);
  figure.querySelector('.mlsd-caption')!.textContent = `Diagram ${index + 1} · line ${diagram.line + 1}`;
  const target = figure.querySelector<HTMLElement>('.mlsd-diagram')!;
  const errorLabel = target.querySelector('.mlsd-error-line');
  if (errorLabel && target.dataset.errorBlockLine !== undefined) {
    const documentLine = diagram.codeStartLine + Number(target.dataset.errorBlockLine) + 1;
    errorLabel.textContent = `Line ${documentLine}: `;
    target.dataset.errorLine = String(documentLine);
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
  lastUpdate = update;
  const theme = resolveTheme();
  configureMermaid(theme);
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
  const next: Entry[] = [];
  const toRender: { entry: Entry; diagram: DiagramInfo }[] = [];
  update.diagrams.forEach((diagram, index) => {
    const key = entryKey(diagram.code, theme.key);
    const reused = available.get(key)?.shift();
    const entry = reused ?? { key, figure: createFigure(index), failed: false };
    describeFigure(entry.figure, diagram, index);
    next.push(entry);
    if (!reused) toRender.push({ entry, diagram });
  });

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
  entries = next;

  let failed = next.filter((e) => e.failed && !toRender.some((r) => r.entry === e)).length;
  document.body.dataset.renderState = 'rendering';
  for (const { entry, diagram } of toRender) {
    if (pendingUpdate) break; // a newer version arrived: render that instead
    const target = entry.figure.querySelector<HTMLElement>('.mlsd-diagram')!;
    entry.failed = !(await renderInto(target, diagram));
    entry.figure.classList.toggle('mlsd-failed', entry.failed);
    if (entry.failed) failed++;
    await nextFrame();
  }
  if (pendingUpdate) {
    // Entries never rendered must not be reused as if they were.
    entries = entries.filter((e) => e.figure.querySelector('svg, .mlsd-error'));
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

function saveState(): void {
  vscode.setState({ uri: currentUri, scrollY: window.scrollY });
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
  if (themeSetting !== 'auto' || !lastUpdate || resolveTheme().key === appliedThemeKey) return;
  pendingUpdate = { ...lastUpdate };
  void drainUpdates();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

// ---------------------------------------------------------------------------------------------
// Interaction: reveal, copy, export

function standaloneSvg(figure: HTMLElement): SVGSVGElement | null {
  return figure.querySelector<SVGSVGElement>('.mlsd-diagram svg');
}

function serializeSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  return new XMLSerializer().serializeToString(copy);
}

async function svgToPng(svg: SVGSVGElement): Promise<string> {
  const box = svg.getBoundingClientRect();
  const viewBox = svg.viewBox.baseVal;
  const width = Math.ceil(box.width || viewBox?.width || 800);
  const height = Math.ceil(box.height || viewBox?.height || 600);
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.style.maxWidth = 'none';
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the SVG could not be loaded as an image'));
  });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(serializeSvg(copy))}`;
  await loaded;
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.fillStyle = getComputedStyle(document.body).backgroundColor || '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  return canvas.toDataURL('image/png');
}

async function onAction(figure: HTMLElement, action: string): Promise<void> {
  const svg = standaloneSvg(figure);
  const index = Number(figure.dataset.index);
  if (!svg) {
    vscode.postMessage({ type: 'problem', message: 'This diagram did not render, so there is nothing to copy or export.' });
    return;
  }
  try {
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
  else if (target.closest('.mlsd-diagram')) revealSource(figure);
});

listElement.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if ((event.key === 'Enter' || event.key === ' ') && target.classList.contains('mlsd-diagram')) {
    event.preventDefault();
    revealSource(target.closest<HTMLElement>('.mlsd-entry')!);
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
