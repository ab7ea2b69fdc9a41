/**
 * The spine table (after Vaswani et al. 2017, Table 1, with contiguous convolution kernels): for each kind of layer,
 * its work, its chain of sequential operations and its longest path between two
 * positions, as formulas and as values at the lesson's example, each cell
 * pointing at the chapter section that shows it.
 */
import { EXAMPLE_WIDTH, ARTICLE_SEQUENCE_LENGTHS, SPINE_EXAMPLE, spineTable } from './figures';
import { formatCount, formatLarge } from '../utils/format';

export interface SpineCell {
  formula: string;
  value: string;
  /** Chapter id and heading anchor of the section that shows it. */
  chapter: string;
  anchor: string;
}

export interface SpineRow {
  layer: string;
  cost: SpineCell;
  sequential: SpineCell;
  path: SpineCell;
}

const T = ARTICLE_SEQUENCE_LENGTHS.medium;
const values = spineTable(T, EXAMPLE_WIDTH, SPINE_EXAMPLE.kernel, SPINE_EXAMPLE.window);
/**
 * Work counts each layer without its MLP but with every matrix product it
 * makes per token: W_hh and W_xh for the recurrent layer, the kernel's k
 * products for the convolution, and the Q, K, V and output projections (4·T·d²)
 * for both kinds of attention, so no row is set against another's core alone.
 */
const attentionProjections = 4 * T * EXAMPLE_WIDTH * EXAMPLE_WIDTH;
const cell = (formula: string, value: number, chapter: string, anchor: string, large = false): SpineCell => ({
  formula,
  value: large ? formatLarge(value) : formatCount(value),
  chapter,
  anchor,
});

export const SPINE_EXAMPLE_VALUES = { T, d: EXAMPLE_WIDTH, ...SPINE_EXAMPLE } as const;

export const SPINE_ROWS: SpineRow[] = [
  {
    layer: 'Recurrent (Elman)',
    cost: cell('2·T·d²', values.recurrent.macs, 'quadratic-cost', 'whole-layers-not-attentions-core', true),
    sequential: cell('T', values.recurrent.sequential, 'sequential-computation', 'a-chain-of-dependent-steps'),
    path: cell('T − 1', values.recurrent.path, 'information-bottleneck', 'path-length-one-hop-against-many'),
  },
  {
    layer: 'Convolutional (contiguous kernel k)',
    cost: cell('k·T·d²', values.convolutional.macs, 'summary', 'convolutions-and-windows', true),
    sequential: cell('1', values.convolutional.sequential, 'summary', 'convolutions-and-windows'),
    path: cell('⌈(T − 1)/(k − 1)⌉ layers', values.convolutional.path, 'summary', 'convolutions-and-windows'),
  },
  {
    layer: 'Self-attention',
    cost: cell('4·T·d² + 2·T²·d', attentionProjections + values.selfAttention.macs, 'quadratic-cost', 'compute-otd-against-otd', true),
    sequential: cell('1', values.selfAttention.sequential, 'sequential-computation', 'attention-every-position-at-once'),
    path: cell('1', values.selfAttention.path, 'information-bottleneck', 'path-length-one-hop-against-many'),
  },
  {
    layer: 'Sliding-window attention (window w)',
    cost: cell('4·T·d² + 2·T·w·d', attentionProjections + values.slidingWindow.macs, 'when-rnns-win', 'sliding-windows-and-shared-keys', true),
    sequential: cell('1', values.slidingWindow.sequential, 'when-rnns-win', 'sliding-windows-and-shared-keys'),
    path: cell('⌈(T − 1)/w⌉ layers', values.slidingWindow.path, 'when-rnns-win', 'sliding-windows-and-shared-keys'),
  },
];
