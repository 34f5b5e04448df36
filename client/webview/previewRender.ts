// Rendering one diagram: mermaid draws it off screen in a staging element, and what it returns is
// scrubbed of anything executable before it lands in the figure.
import mermaid from 'mermaid';
import type { DiagramInfo } from '../../server/src/protocol';
import { clearError, showError, viewportOf } from './previewFigures';
import { listElement, MAX_DIAGRAM_CHARS, renderedCode, state } from './previewState';
import { withMermaid, type ResolvedTheme } from './previewTheme';
import { applyZoom, naturalSize } from './previewZoomView';

/** Elements that never survive into the page, whatever mermaid or its sanitiser let through. */
const FORBIDDEN_ELEMENTS = new Set(['script', 'iframe', 'object', 'embed', 'frame', 'frameset', 'base', 'meta', 'link']);

/** Removes an element's inline handlers and links that leave the diagram; false when the element itself must go. */
function scrubElement(element: Element): boolean {
  if (FORBIDDEN_ELEMENTS.has(element.localName.toLowerCase())) return false;
  for (const attribute of Array.from(element.attributes)) {
    const name = attribute.name.toLowerCase();
    const value = attribute.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
    if (name.startsWith('on')) element.removeAttribute(attribute.name);
    else if ((name === 'href' || name === 'xlink:href' || name === 'src' || name === 'action' || name === 'formaction') && !value.startsWith('#') && !value.startsWith('data:image/'))
      element.removeAttribute(attribute.name);
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

/** Renders `code` with `theme` into an inert, scrubbed SVG element (not yet in the page). */
export async function renderSvg(code: string, theme: ResolvedTheme): Promise<SVGSVGElement> {
  const id = `mlsd-svg-${++state.renderCounter}`;
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

export async function renderInto(figure: HTMLElement, diagram: DiagramInfo, theme: ResolvedTheme): Promise<boolean> {
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
