// Draws images/icon.png (128x128, the marketplace icon): a design-doc page whose seven template
// rows carry status marks, on a rounded indigo tile. Pure Node (zlib for the PNG), 4x supersampled
// so edges are smooth. Run: node images/draw-icon.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SIZE = 128;
const SCALE = 4;
const BIG = SIZE * SCALE;
const canvas = new Float64Array(BIG * BIG * 4); // premultiplied RGBA, 0..1

function blend(x, y, [r, g, b], alpha) {
  if (x < 0 || y < 0 || x >= BIG || y >= BIG || alpha <= 0) return;
  const i = (y * BIG + x) * 4;
  canvas[i] = r * alpha + canvas[i] * (1 - alpha);
  canvas[i + 1] = g * alpha + canvas[i + 1] * (1 - alpha);
  canvas[i + 2] = b * alpha + canvas[i + 2] * (1 - alpha);
  canvas[i + 3] = alpha + canvas[i + 3] * (1 - alpha);
}

/** Fills every pixel (in 128-space coordinates) for which `inside(x, y)` holds. */
function fill(inside, color, alpha = 1) {
  for (let y = 0; y < BIG; y++)
    for (let x = 0; x < BIG; x++) if (inside((x + 0.5) / SCALE, (y + 0.5) / SCALE)) blend(x, y, typeof color === 'function' ? color((x + 0.5) / SCALE, (y + 0.5) / SCALE) : color, alpha);
}

const roundedRect = (left, top, right, bottom, radius) => (x, y) => {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
};
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
/** A thick line segment (capsule). */
const segment = (x1, y1, x2, y2, width) => (x, y) => {
  const dx = x2 - x1,
    dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
  return (x - (x1 + t * dx)) ** 2 + (y - (y1 + t * dy)) ** 2 <= (width / 2) ** 2;
};

const hex = (value) => [1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16) / 255);
const indigoTop = hex('#3b3f9e');
const indigoBottom = hex('#1f7a8c');
const paper = hex('#f7f8fc');
const fold = hex('#c9cfe8');
const ink = hex('#5b6383');
const green = hex('#2fb36b');
const amber = hex('#f2a531');
const white = hex('#ffffff');

// Tile with a vertical gradient.
fill(roundedRect(4, 4, 124, 124, 22), (_x, y) => indigoTop.map((top, i) => top + (indigoBottom[i] - top) * ((y - 4) / 120)));
// The page, with its folded corner cut off and drawn separately.
const pageLeft = 26,
  pageTop = 16,
  pageRight = 102,
  pageBottom = 114,
  foldSize = 18;
fill((x, y) => roundedRect(pageLeft, pageTop, pageRight, pageBottom, 6)(x, y) && x - pageRight + foldSize < y - pageTop, paper);
fill((x, y) => x >= pageRight - foldSize && x <= pageRight && y >= pageTop && y <= pageTop + foldSize && x - (pageRight - foldSize) <= y - pageTop, fold);

// Seven rows: the seven steps. Five present (green check), two missing (amber dot): "5/7".
const rowStatus = ['ok', 'ok', 'ok', 'ok', 'gap', 'ok', 'gap'];
const rowWidths = [40, 32, 44, 36, 28, 42, 34];
rowStatus.forEach((status, row) => {
  const y = 34 + row * 11.5;
  if (status === 'ok') {
    fill(circle(38, y, 4.6), green);
    fill(segment(35.6, y + 0.2, 37.4, y + 2.0, 1.7), white);
    fill(segment(37.4, y + 2.0, 40.6, y - 1.8, 1.7), white);
  } else {
    fill(circle(38, y, 4.6), amber);
    fill(segment(38, y - 2.4, 38, y + 0.6, 1.7), white);
    fill(circle(38, y + 2.6, 0.9), white);
  }
  fill(roundedRect(47, y - 2, 47 + rowWidths[row], y + 2, 2), ink, status === 'ok' ? 0.85 : 0.4);
});

// Downsample to 128x128 and un-premultiply.
const pixels = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  pixels[y * (SIZE * 4 + 1)] = 0; // PNG filter: none
  for (let x = 0; x < SIZE; x++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SCALE; sy++)
      for (let sx = 0; sx < SCALE; sx++) {
        const i = ((y * SCALE + sy) * BIG + x * SCALE + sx) * 4;
        for (let c = 0; c < 4; c++) sum[c] += canvas[i + c];
      }
    const alpha = sum[3] / (SCALE * SCALE);
    const offset = y * (SIZE * 4 + 1) + 1 + x * 4;
    for (let c = 0; c < 3; c++) pixels[offset + c] = alpha > 0 ? Math.round((sum[c] / sum[3]) * 255) : 0;
    pixels[offset + 3] = Math.round(alpha * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buffer) => {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(fileURLToPath(new URL('./icon.png', import.meta.url)), png);
