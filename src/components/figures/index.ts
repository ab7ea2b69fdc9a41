/**
 * Every explanatory figure, by the name chapters use in `<Diagram of="…">`.
 * Each is an Astro component that draws SVG from the lesson's numbers at build time.
 */
import RecurrenceVsAttention from './RecurrenceVsAttention.astro';

export const DIAGRAMS = {
  'recurrence-vs-attention': RecurrenceVsAttention,
} as const;

export type DiagramName = keyof typeof DIAGRAMS;

export function isDiagramName(name: string): name is DiagramName {
  return Object.hasOwn(DIAGRAMS, name);
}
