import { PNG } from 'pngjs';

/**
 * The two icons of the Teams app, drawn in code (no binary files in the repository): a winding road
 * with a start point and a goal, the roadmap from diagnosis back to work.
 * - color: 192×192, the glyph in white with an amber goal on a deep teal square (the accent colour);
 *   the glyph stays inside the central area Teams recommends, so rounded crops never cut it.
 * - outline: 32×32, the same glyph in white on a transparent background, as Teams requires.
 */
export const ACCENT_COLOR = '#0E5E6F';
const TEAL: Rgba = [0x0e, 0x5e, 0x6f, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const AMBER: Rgba = [0xff, 0xb3, 0x2e, 255];
const CLEAR: Rgba = [255, 255, 255, 0];

type Rgba = [number, number, number, number];
type Point = [number, number];
/** A shape in glyph coordinates (0..1 both ways, y down): true where the point is inside. */
type Shape = (x: number, y: number) => boolean;

function distanceToSegment(x: number, y: number, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const k = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - k * dx, y - ay - k * dy);
}

/** A half turn of radius r around (cx, cy), from angle a0 to a1, as a polyline. */
function arc(cx: number, cy: number, r: number, a0: number, a1: number, steps = 24): Point[] {
  return Array.from({ length: steps + 1 }, (_, i) => {
    const a = a0 + ((a1 - a0) * i) / steps;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)] as Point;
  });
}

/** The road: three lanes joined by two half turns, from bottom left to top right. */
const ROAD: Point[] = [
  [0.16, 0.82],
  ...arc(0.66, 0.66, 0.16, Math.PI / 2, -Math.PI / 2),
  ...arc(0.34, 0.34, 0.16, Math.PI / 2, (3 * Math.PI) / 2),
  [0.84, 0.18],
];

const stroke =
  (points: Point[], width: number): Shape =>
  (x, y) => {
    for (let i = 1; i < points.length; i++)
      if (distanceToSegment(x, y, points[i - 1] as Point, points[i] as Point) <= width / 2) return true;
    return false;
  };
const disc =
  ([cx, cy]: Point, r: number): Shape =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) <= r;
const START: Point = [0.16, 0.82];
const GOAL: Point = [0.84, 0.18];

/**
 * Renders layers (the last on top) over a background, 4×4 samples per pixel for smooth edges. The glyph
 * box (0..1) is mapped onto the square [margin, size - margin].
 */
function render(size: number, margin: number, background: Rgba, layers: [Shape, Rgba][]): Buffer {
  const png = new PNG({ width: size, height: size });
  const n = 4;
  const box = size - 2 * margin;
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++)
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n - margin) / box;
          const y = (py + (sy + 0.5) / n - margin) / box;
          let color = background;
          for (const [shape, c] of layers) if (shape(x, y)) color = c;
          const alpha = color[3] / 255;
          r += color[0] * alpha;
          g += color[1] * alpha;
          b += color[2] * alpha;
          a += alpha;
        }
      // Colours are averaged premultiplied, then stored straight (PNG is not premultiplied).
      const i = (py * size + px) * 4;
      png.data[i] = a ? Math.round(r / a) : 255;
      png.data[i + 1] = a ? Math.round(g / a) : 255;
      png.data[i + 2] = a ? Math.round(b / a) : 255;
      png.data[i + 3] = Math.round((a / (n * n)) * 255);
    }
  return PNG.sync.write(png);
}

/** 192×192, full colour, opaque. */
export function colorIcon(): Buffer {
  return render(192, 44, TEAL, [
    [stroke(ROAD, 0.1), WHITE],
    [disc(START, 0.1), WHITE],
    [disc(GOAL, 0.15), WHITE],
    [disc(GOAL, 0.1), AMBER],
  ]);
}

/** 32×32, white on transparent. */
export function outlineIcon(): Buffer {
  return render(32, 2, CLEAR, [
    [stroke(ROAD, 0.11), WHITE],
    [disc(START, 0.11), WHITE],
    [disc(GOAL, 0.15), WHITE],
  ]);
}
