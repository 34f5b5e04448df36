// A diagram's zoom as shown: the SVG sized in pixels for "fit" or a scale, the toolbar's level, and
// zoom changes that keep the point under the pointer in place (and are remembered per diagram).
import { viewportOf } from './previewFigures';
import { rememberZoom } from './previewState';
import { clampZoom, fitScale, zoomAround } from './zoom';

/** The diagram's own size: mermaid's viewBox (its drawing), whatever size the page shows it at. */
export function naturalSize(svg: SVGSVGElement): { x: number; y: number; width: number; height: number } {
  const viewBox = (svg.getAttribute('viewBox') ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  if (viewBox.length === 4 && viewBox.every(Number.isFinite) && viewBox[2]! > 0 && viewBox[3]! > 0) {
    return { x: viewBox[0]!, y: viewBox[1]!, width: viewBox[2]!, height: viewBox[3]! };
  }
  const width = Number.parseFloat(svg.getAttribute('width') ?? '') || Number.parseFloat(svg.style.maxWidth) || 800;
  const height = Number.parseFloat(svg.getAttribute('height') ?? '') || 600;
  return { x: 0, y: 0, width, height };
}

export function diagramSvg(figure: HTMLElement): SVGSVGElement | null {
  return figure.querySelector<SVGSVGElement>('.mlsd-diagram > svg');
}

/** The scale the figure's diagram is shown at now. */
export function currentScale(figure: HTMLElement): number {
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
export function applyZoom(figure: HTMLElement): void {
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
export function setZoom(figure: HTMLElement, zoom: number | 'fit', pointerX?: number): void {
  const viewport = viewportOf(figure);
  const before = currentScale(figure);
  figure.dataset.zoom = zoom === 'fit' ? 'fit' : String(clampZoom(zoom));
  const anchor = pointerX ?? viewport.clientWidth / 2;
  const scrollBefore = viewport.scrollLeft;
  applyZoom(figure);
  viewport.scrollLeft = zoomAround(scrollBefore, anchor, before, currentScale(figure));
  rememberZoom(figure);
}

export function zoomBy(figure: HTMLElement, factor: number, pointerX?: number): void {
  setZoom(figure, clampZoom(currentScale(figure) * factor), pointerX);
}
