/**
 * Geometry shared by the figures (Astro, at build time) and the explorable
 * (Preact, in the browser), so both draw the same shapes from the same numbers.
 * Pure functions: no DOM.
 */

/** What a shape stands for. Recurrent things are squares, attention things circles, anything else a rounded box. */
export type Family = 'recurrent' | 'attention' | 'plain';

export interface Point {
  x: number;
  y: number;
}

/** `count` evenly spaced coordinates starting at `start`, `step` apart. */
export function spread(count: number, start: number, step: number): number[] {
  return Array.from({ length: count }, (_, index) => start + index * step);
}

/** SVG `class` for a figure element of a family, plus optional modifiers. */
export function familyClass(base: string, family: Family, emphasis = false): string {
  return [base, family === 'plain' ? '' : `is-${family}`, emphasis ? 'is-emphasis' : ''].filter(Boolean).join(' ');
}

export interface ArrowGeometry {
  /** The shaft, as path data. */
  path: string;
  /** The head, as polygon points. */
  head: string;
}

/**
 * An arrow from `from` to `to`, stopped `gap` short of each end (so it meets a
 * shape's edge, not its centre) and bent sideways by `bend` (0 is straight).
 */
export function arrowGeometry(from: Point, to: Point, { gap = 0, bend = 0, head = 7 }: { gap?: number; bend?: number; head?: number } = {}): ArrowGeometry {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) throw new Error('arrowGeometry: an arrow needs two different points.');
  const ux = dx / length;
  const uy = dy / length;
  const control = { x: (from.x + to.x) / 2 - uy * bend, y: (from.y + to.y) / 2 + ux * bend };
  // Leave each end along the direction of the curve there, which for a bend is towards the control point.
  const towards = (a: Point, b: Point, distance: number) => {
    const l = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    return { x: a.x + ((b.x - a.x) / l) * distance, y: a.y + ((b.y - a.y) / l) * distance };
  };
  // A short arrow keeps a visible shaft: its head takes at most 60% of what lies between the gaps.
  head = Math.max(2, Math.min(head, (length - 2 * gap) * 0.6));
  const start = towards(from, control, gap);
  const tip = towards(to, control, gap);
  const base = towards(tip, control, head);
  const nx = -(tip.y - base.y) / head;
  const ny = (tip.x - base.x) / head;
  const half = head * 0.5;
  const r = (value: number) => Number(value.toFixed(2));
  const path =
    bend === 0
      ? `M${r(start.x)},${r(start.y)} L${r(base.x)},${r(base.y)}`
      : `M${r(start.x)},${r(start.y)} Q${r(control.x)},${r(control.y)} ${r(base.x)},${r(base.y)}`;
  const headPoints = [tip, { x: base.x + nx * half, y: base.y + ny * half }, { x: base.x - nx * half, y: base.y - ny * half }];
  return { path, head: headPoints.map((point) => `${r(point.x)},${r(point.y)}`).join(' ') };
}

/** The cells of a T×T grid in reading order, each with its row and column. */
export function gridCells(size: number): Array<{ row: number; column: number }> {
  return Array.from({ length: size * size }, (_, index) => ({ row: Math.floor(index / size), column: index % size }));
}

const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

/** A name with a numeric subscript, in Unicode so it works inside SVG text: sub('h', 12) → "h₁₂". */
export function sub(name: string, index: number): string {
  return name + String(index).replace(/\d/g, (digit) => SUBSCRIPT_DIGITS[Number(digit)]!);
}
