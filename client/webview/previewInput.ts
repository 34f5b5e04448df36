// What the reader does in the list: click a diagram to reveal its source, drag to pan, Ctrl+wheel
// or +/-/0 to zoom, the toolbar's zoom, copy and export buttons. And fitted diagrams follow the
// width of the preview.
import { serializeSvg, svgForExport, svgToPng } from './previewExport';
import { listElement, state, vscode } from './previewState';
import { applyZoom, diagramSvg, setZoom, zoomBy } from './previewZoomView';
import { ZOOM_STEP } from './zoom';

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

/** A toolbar button: zoom, or copy and export. */
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
    else if (action === 'svg') vscode.postMessage({ type: 'export', format: 'svg', uri: state.currentUri, index, data: serializeSvg(svg) });
    else if (action === 'png') vscode.postMessage({ type: 'export', format: 'png', uri: state.currentUri, index, data: await svgToPng(svg) });
  } catch (error) {
    vscode.postMessage({ type: 'problem', message: `Export failed: ${error instanceof Error ? error.message : String(error)}` });
  }
}

function revealSource(figure: HTMLElement): void {
  vscode.postMessage({ type: 'reveal', uri: state.currentUri, line: Number(figure.dataset.line), endLine: Number(figure.dataset.endLine) });
}

/** Fitted diagrams follow the width of the preview (the split moved, the panel was resized). */
export function followListWidth(): void {
  let lastListWidth = 0;
  new ResizeObserver(() => {
    const width = listElement.clientWidth;
    if (width === lastListWidth) return;
    lastListWidth = width;
    for (const figure of Array.from(listElement.querySelectorAll<HTMLElement>('.mlsd-entry'))) applyZoom(figure);
  }).observe(listElement);
}

/** Pointer, wheel, click and keyboard handling of the list. */
export function handleListInput(): void {
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
}
