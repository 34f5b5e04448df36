// The preview's zoom arithmetic (client/webview/zoom.ts); the browser tests drive it through the page.
import { describe, expect, it } from 'vitest';
import { clampZoom, fitScale, MAX_ZOOM, MIN_READABLE_SCALE, MIN_ZOOM, zoomAround } from '../../client/webview/zoom';

describe('preview zoom arithmetic', () => {
  it.each([
    // available, natural, fit
    [500, 300, 1], // a small diagram keeps its natural size, never blown up
    [500, 600, 500 / 600], // a little too wide: shrunk to the width
    [500, 3000, MIN_READABLE_SCALE], // far too wide: readable, and the frame scrolls
    [0, 3000, 1], // not laid out yet
    [500, 0, 1], // no size known
  ])('fit of %d px for a %d px diagram is %d', (available, natural, expected) => {
    expect(fitScale(available, natural)).toBeCloseTo(expected, 6);
  });

  it('clamps zoom to its range and rounds away float noise', () => {
    expect(clampZoom(100)).toBe(MAX_ZOOM);
    expect(clampZoom(0.01)).toBe(MIN_ZOOM);
    expect(clampZoom(1.25 * 1.25)).toBe(1.563);
    expect(clampZoom(Number.NaN)).toBe(1);
  });

  it('keeps the point under the pointer in place', () => {
    // Content x under the pointer: (100 + 50) / 1 = 150; at scale 2 it sits at 300, so scroll 250.
    expect(zoomAround(100, 50, 1, 2)).toBe(250);
    expect(zoomAround(0, 10, 2, 1)).toBe(0);
  });
});
