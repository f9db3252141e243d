// Draws images/icon.png (128×128): a policy page with labelled lines (a green tick for
// Mandatory, an amber ring for Optional) on a dark blue tile. No image libraries: shapes
// are rasterised with 4×4 supersampling and written as a PNG with zlib.
// Run: node client/scripts/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 128;
const SS = 4;
const px = new Float32Array(N * N * 4); // premultiplied RGBA, 0..1

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = Math.max(x0 + r, Math.min(x, x1 - r));
  const cy = Math.max(y0 + r, Math.min(y, y1 - r));
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (w / 2) ** 2;
};
const ring = (cx, cy, r, w) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= w / 2;
const union = (...fs) => (x, y) => fs.some((f) => f(x, y));

function paint(shape, color, alpha = 1) {
  const [r, g, b] = hex(color);
  for (let y = 0; y < N; y++) {
    for (let x = 0; x < N; x++) {
      let cover = 0;
      for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) if (shape(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS)) cover++;
      const a = (cover / (SS * SS)) * alpha;
      if (!a) continue;
      const i = (y * N + x) * 4;
      px[i] = r * a + px[i] * (1 - a);
      px[i + 1] = g * a + px[i + 1] * (1 - a);
      px[i + 2] = b * a + px[i + 2] * (1 - a);
      px[i + 3] = a + px[i + 3] * (1 - a);
    }
  }
}

paint(roundRect(4, 4, 124, 124, 22), '#1F3A5F');
paint(roundRect(30, 18, 98, 110, 8), '#F4F6F9');
paint(roundRect(30, 18, 98, 30, 6), '#3E7CB1'); // page header band
const rows = [44, 64, 84];
paint(union(segment(38, rows[0], 43, rows[0] + 5, 4.5), segment(43, rows[0] + 5, 52, rows[0] - 5, 4.5)), '#2E9E5B');
paint(union(segment(38, rows[2], 43, rows[2] + 5, 4.5), segment(43, rows[2] + 5, 52, rows[2] - 5, 4.5)), '#2E9E5B');
paint(ring(45, rows[1], 5.5, 3.5), '#E0A100');
for (const [y, len] of [[rows[0], 34], [rows[1], 28], [rows[2], 32]]) paint(roundRect(58, y - 3, 58 + len, y + 3, 3), '#5B6B7F');
paint(roundRect(40, 98, 88, 102, 2), '#C3CBD6');

// PNG: 8-bit RGBA, filter 0 per row.
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0;
  for (let x = 0; x < N; x++) {
    const i = (y * N + x) * 4;
    const a = px[i + 3];
    const o = y * (N * 4 + 1) + 1 + x * 4;
    for (let c = 0; c < 3; c++) raw[o + c] = a ? Math.round((px[i + c] / a) * 255) : 0;
    raw[o + 3] = Math.round(a * 255);
  }
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('../../images/icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
