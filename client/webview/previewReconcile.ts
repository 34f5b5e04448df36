// Reconciling the list with an update from the extension: unchanged diagrams keep their figures,
// changed ones take over the figure they replace, only those render, and the list is put in
// document order moving only what is out of place. Updates that arrive during a pass supersede it.
import type { DiagramInfo } from '../../server/src/protocol';
import { createFigure, describeFigure } from './previewFigures';
import { renderInto } from './previewRender';
import { fileElement, listElement, restoreScroll, saveState, state, statusElement, summaryElement, vscode, zoomByDocument, type Entry, type UpdateMessage } from './previewState';
import { resolveTheme } from './previewTheme';
import { clampZoom } from './zoom';

function entryKey(code: string, themeKey: string): string {
  return `${themeKey}\u0000${code}`;
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

async function applyUpdate(update: UpdateMessage): Promise<void> {
  const started = performance.now();
  const documentChanged = update.uri !== state.currentUri;
  state.currentUri = update.uri;
  state.themeSetting = update.theme;
  state.exportTheme = update.exportTheme === 'current' ? 'current' : 'light';
  state.lastUpdate = update;
  const theme = resolveTheme();
  state.listThemeKey = theme.key;
  fileElement.textContent = update.fileName;
  statusElement.hidden = update.diagrams.length > 0;
  if (update.diagrams.length === 0) statusElement.textContent = 'No mermaid diagrams in this document.';

  // Match unchanged diagrams to existing figures by source, so inserting one diagram does not re-render the rest.
  const available = new Map<string, Entry[]>();
  for (const entry of documentChanged ? [] : state.entries) {
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
  const leftovers = documentChanged ? [] : state.entries.filter((entry) => !reusedEntries.has(entry));
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
  state.entries = next as Entry[];

  let failed = state.entries.filter((e) => e.failed && !toRender.some((r) => r.entry === e)).length;
  document.body.dataset.renderState = 'rendering';
  const done = new Set<Entry>();
  for (const { entry, diagram } of toRender) {
    if (state.pendingUpdate) break; // a newer version arrived: render that instead
    entry.failed = !(await renderInto(entry.figure, diagram, theme));
    done.add(entry);
    entry.figure.classList.toggle('mlsd-failed', entry.failed);
    if (entry.failed) failed++;
    await nextFrame();
  }
  if (state.pendingUpdate) {
    // Entries not rendered must not be reused as if they were; their figures may still take the next version.
    for (const { entry } of toRender) if (!done.has(entry)) entry.key = '\u0001not rendered';
    return;
  }
  document.body.dataset.renderState = 'idle';
  summaryElement.textContent = `${update.diagrams.length} diagram${update.diagrams.length === 1 ? '' : 's'}${failed ? `, ${failed} with errors` : ''}`;
  if (documentChanged) restoreScroll();
  saveState();
  vscode.postMessage({
    type: 'rendered',
    uri: update.uri,
    version: update.version,
    total: update.diagrams.length,
    rendered: toRender.length,
    reused: update.diagrams.length - toRender.length,
    failed,
    ms: Math.round(performance.now() - started),
  });
}

export async function drainUpdates(): Promise<void> {
  if (state.rendering) return;
  state.rendering = true;
  try {
    while (state.pendingUpdate) {
      const update = state.pendingUpdate;
      state.pendingUpdate = undefined;
      await applyUpdate(update);
    }
  } catch (error) {
    vscode.postMessage({ type: 'problem', message: `Preview failed: ${error instanceof Error ? error.message : String(error)}` });
  } finally {
    state.rendering = false;
    document.body.dataset.renderState = 'idle';
  }
}

export function showStatus(message: string): void {
  state.pendingUpdate = undefined;
  state.entries = [];
  state.currentUri = '';
  listElement.replaceChildren();
  fileElement.textContent = '';
  summaryElement.textContent = '';
  statusElement.textContent = message;
  statusElement.hidden = false;
}

/** Re-renders the list when VS Code's colour theme changes and the preview follows it. */
export function rerenderOnThemeChange(): void {
  // VS Code switches these body classes when the colour theme changes.
  new MutationObserver(() => {
    if (state.themeSetting !== 'auto' || !state.lastUpdate || resolveTheme().key === state.listThemeKey) return;
    state.pendingUpdate = { ...state.lastUpdate };
    void drainUpdates();
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
