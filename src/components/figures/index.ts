/**
 * Every explanatory figure, by the name chapters use in `<Diagram of="…">`.
 * Each is an Astro component that draws SVG from the lesson's numbers at build time.
 */
import RecurrenceVsAttention from './RecurrenceVsAttention.astro';
import Bottleneck from './Bottleneck.astro';
import GradientHops from './GradientHops.astro';
import ScoreMatrix from './ScoreMatrix.astro';
import FlashTiles from './FlashTiles.astro';
import StateVsCache from './StateVsCache.astro';
import ScanTree from './ScanTree.astro';
import TradeOff from './TradeOff.astro';
import TransformerBlock from './TransformerBlock.astro';

export const DIAGRAMS = {
  'recurrence-vs-attention': RecurrenceVsAttention,
  bottleneck: Bottleneck,
  'gradient-hops': GradientHops,
  'score-matrix': ScoreMatrix,
  'flash-tiles': FlashTiles,
  'state-vs-cache': StateVsCache,
  'scan-tree': ScanTree,
  'trade-off': TradeOff,
  'transformer-block': TransformerBlock,
} as const;

export type DiagramName = keyof typeof DIAGRAMS;

export function isDiagramName(name: string): name is DiagramName {
  return Object.hasOwn(DIAGRAMS, name);
}
