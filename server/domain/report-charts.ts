// Geometry for the reports' server-rendered SVG charts: plain numbers in, shapes out, so the charts are
// testable without a browser and the page only draws what this returns.

/** A round axis top at or above `max`: 1, 2 or 5 times a power of ten (0 stays 1 so bars have a scale). */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
}

export interface Plot {
  width: number;
  height: number;
}

/** Bars side by side filling `plot`, bottom-aligned, scaled to `top`. */
export function bars(values: readonly number[], plot: Plot, top = niceMax(Math.max(0, ...values))): Bar[] {
  if (values.length === 0) return [];
  const slot = plot.width / values.length;
  const width = Math.max(1, slot * 0.7);
  return values.map((value, i) => {
    const height = (Math.max(0, value) / top) * plot.height;
    return { x: i * slot + (slot - width) / 2, y: plot.height - height, width, height, value };
  });
}

/**
 * An SVG path through the values at each slot's centre, scaled to `top`; a null (no figure that day)
 * breaks the line instead of pretending a zero.
 */
export function linePath(values: readonly (number | null)[], plot: Plot, top = niceMax(Math.max(0, ...values.map((v) => v ?? 0)))): string {
  const slot = plot.width / Math.max(1, values.length);
  let path = "";
  let drawing = false;
  values.forEach((value, i) => {
    if (value === null) {
      drawing = false;
      return;
    }
    const x = Math.round((i * slot + slot / 2) * 10) / 10;
    const y = Math.round((plot.height - (Math.max(0, value) / top) * plot.height) * 10) / 10;
    path += `${drawing ? "L" : "M"}${x} ${y}`;
    drawing = true;
  });
  return path;
}

/** 0 for an empty cell, else 1..levels by the share of the busiest cell: a shade a reader can tell apart. */
export function heatLevel(count: number, max: number, levels = 5): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.max(1, Math.ceil((count / max) * levels));
}
