// Zoom arithmetic for the diagram preview, kept apart from the DOM so it is easy to reason about.
// A diagram's scale is 1 at mermaid's natural size (16 px labels). "Fit" shrinks a wide diagram to
// the width of the preview, but never below MIN_READABLE_SCALE: past that the diagram keeps a
// readable size and scrolls sideways instead (a side-by-side split is ~500 px wide, and a long
// flowchart fitted to it had labels about 5 px high).

/** Smallest scale "fit" uses: mermaid's 16 px labels stay at least 12 px high. */
export const MIN_READABLE_SCALE = 0.75;
export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 4;
/** One zoom-in step multiplies the scale by this; one zoom-out step divides by it. */
export const ZOOM_STEP = 1.25;

export function clampZoom(scale: number): number {
  if (!Number.isFinite(scale)) return 1;
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.round(scale * 1000) / 1000));
}

/** The scale that fits `naturalWidth` into `availableWidth`: never above natural size, never below readable. */
export function fitScale(availableWidth: number, naturalWidth: number): number {
  if (!(naturalWidth > 0) || !(availableWidth > 0)) return 1;
  return Math.min(1, Math.max(MIN_READABLE_SCALE, availableWidth / naturalWidth));
}

/**
 * The scroll offset that keeps the content point under `pointer` (an offset within the viewport)
 * in place when the scale changes from `from` to `to`.
 */
export function zoomAround(scroll: number, pointer: number, from: number, to: number): number {
  return Math.max(0, ((scroll + pointer) / from) * to - pointer);
}
