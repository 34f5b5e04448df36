// The preview page's state, in one place: the VS Code API, the page's elements, what the list shows
// (document, theme, figures), the update queue, and what is persisted in the webview state (scroll,
// zoom per diagram). Every other preview module reads and writes it here.
import type { HostToPreviewMessage, PreviewExportTheme, PreviewPersistedState, PreviewThemeSetting, PreviewToHostMessage } from '../src/preview/messages';
import { clampZoom } from './zoom';

interface VsCodeApi {
  postMessage(message: PreviewToHostMessage): void;
  getState(): PreviewPersistedState | undefined;
  setState(state: PreviewPersistedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export type UpdateMessage = Extract<HostToPreviewMessage, { type: 'update' }>;

/** Mermaid's own default limit; bigger text is refused before it can stall the page. */
export const MAX_DIAGRAM_CHARS = 50_000;

export const vscode = acquireVsCodeApi();
export const listElement = document.getElementById('mlsd-diagrams')!;
export const statusElement = document.getElementById('mlsd-status')!;
export const fileElement = document.getElementById('mlsd-file')!;
export const summaryElement = document.getElementById('mlsd-summary')!;

/** A rendered (or failed) diagram, kept so an unchanged diagram is reused instead of re-rendered. */
export interface Entry {
  key: string;
  figure: HTMLElement;
  failed: boolean;
}

export const state = {
  entries: [] as Entry[],
  currentUri: '',
  themeSetting: 'auto' as PreviewThemeSetting,
  exportTheme: 'light' as PreviewExportTheme,
  renderCounter: 0,
  /** Updates arrive faster than renders finish: only the latest pending one matters. */
  pendingUpdate: undefined as UpdateMessage | undefined,
  lastUpdate: undefined as UpdateMessage | undefined,
  rendering: false,
  /** The theme mermaid is configured with now. */
  appliedThemeKey: '',
  /** The theme the list was last rendered in (exports may configure mermaid with another in between). */
  listThemeKey: '',
};

/** The source each figure's SVG was drawn from, for exports in another theme. */
export const renderedCode = new WeakMap<HTMLElement, string>();

// ---------------------------------------------------------------------------------------------
// Persisted: scroll position and zoom

/** Zoom per document and diagram, as saved in the webview state (PreviewPersistedState.zoom). */
export const zoomByDocument: Record<string, Record<string, number>> = (() => {
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

export function rememberZoom(figure: HTMLElement): void {
  if (!state.currentUri) return;
  const zooms = zoomByDocument[state.currentUri] ?? {};
  delete zoomByDocument[state.currentUri];
  const index = figure.dataset.index ?? '0';
  if (figure.dataset.zoom === 'fit' || figure.dataset.zoom === undefined) delete zooms[index];
  else zooms[index] = Number(figure.dataset.zoom);
  // Re-inserted last: the object's key order is the order of use.
  if (Object.keys(zooms).length > 0) zoomByDocument[state.currentUri] = zooms;
  const uris = Object.keys(zoomByDocument);
  for (const uri of uris.slice(0, Math.max(0, uris.length - MAX_ZOOMED_DOCUMENTS))) delete zoomByDocument[uri];
  saveState();
}

export function saveState(): void {
  const saved: PreviewPersistedState = { uri: state.currentUri, scrollY: window.scrollY };
  if (Object.keys(zoomByDocument).length > 0) saved.zoom = zoomByDocument;
  vscode.setState(saved);
}

export function restoreScroll(): void {
  const saved = vscode.getState();
  window.scrollTo(0, saved && saved.uri === state.currentUri ? saved.scrollY : 0);
}

/** Saves the scroll position a moment after scrolling stops. */
export function saveScrollPosition(): void {
  let scrollTimer: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener('scroll', () => {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(saveState, 200);
  });
}
