// Copy and export: a standalone SVG of a diagram (in mermaid's light theme on white unless the
// setting says "as shown"), or a PNG drawn from it.
import { LIGHT_KEYS, LIGHT_THEME } from './previewTheme';
import { renderSvg } from './previewRender';
import { renderedCode, state } from './previewState';
import { diagramSvg, naturalSize } from './previewZoomView';

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
export async function svgForExport(figure: HTMLElement): Promise<SVGSVGElement> {
  const shown = diagramSvg(figure);
  if (!shown) throw new Error('the diagram did not render');
  if (state.exportTheme === 'current') {
    const background = getComputedStyle(document.body).backgroundColor || EXPORT_BACKGROUND_LIGHT;
    return exportableSvg(shown, background);
  }
  const code = renderedCode.get(figure);
  // Already light (the light VS Code theme, or a light mermaid theme chosen in the settings): draw as shown.
  if (LIGHT_KEYS.has(state.listThemeKey) || code === undefined) return exportableSvg(shown, EXPORT_BACKGROUND_LIGHT);
  return exportableSvg(await renderSvg(code, LIGHT_THEME), EXPORT_BACKGROUND_LIGHT);
}

export function serializeSvg(svg: SVGSVGElement): string {
  return new XMLSerializer().serializeToString(svg);
}

/** A PNG at twice the diagram's own size (sharp on high-density screens and in slides). */
const PNG_SCALE = 2;

export async function svgToPng(svg: SVGSVGElement): Promise<string> {
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
