/**
 * The parallelism summary on synthetic rows, for each outcome it can show: attention faster at
 * the largest T (shows the claim), the RNN faster (contradicts it on this device), a tie, and
 * repetitions too spread to tell (noisy); plus the roofline's "why" and the details.
 */
import { describe, expect, test } from 'vitest';
import { attentionLayerFlops } from '../../../../kernels/attention/cost';
import { rnnForwardFlops } from '../../../../kernels/rnn/cost';
import { ATTENTION_LAYER_SERIES, RNN_SERIES, RNN_SUBMIT_SERIES, type ParallelismRow } from '../../../../src/experiments/registry';
import { summarizeParallelism } from '../../../../src/experiments/parallelism/summary';
import type { DeviceConstants } from '../../../../src/experiments/shared/explain-timing';
import { repetitions, TIGHT, WIDE } from '../samples';

const WIDTH = 64;
const PARAMS = { maxT: 512, width: WIDTH, variants: false };
const LENGTHS = [1, 4, 16, 64, 256, 512];
const GPU: DeviceConstants = {
  kind: 'webgpu',
  perDispatchMs: 0.05,
  submitAndWaitMs: 3,
  flopsPerMs: 1e6,
  maxBufferSize: 2 ** 28,
  maxStorageBufferBindingSize: 2 ** 27,
  measured: true,
};

function row(series: string, T: number, medianMs: number, spread = TIGHT, submits = 1): ParallelismRow {
  const attention = series === ATTENTION_LAYER_SERIES;
  const flops = attention ? attentionLayerFlops({ sequenceLength: T, width: WIDTH }) : rnnForwardFlops({ steps: T, hidden: WIDTH, input: WIDTH });
  const dispatches = attention ? 7 : T;
  const samplesMs = repetitions(medianMs, spread);
  return { series, T, medianMs, minMs: samplesMs[0]!, samplesMs, timing: 'wall clock', dispatches, submits, flops, gflops: flops / (medianMs * 1e6) };
}

const pair = (rnnMs: number[], attentionMs: number[], spread = TIGHT) =>
  LENGTHS.flatMap((T, i) => [row(RNN_SERIES, T, rnnMs[i]!, spread), row(ATTENTION_LAYER_SERIES, T, attentionMs[i]!, spread)]);

describe('parallelism: the result first', () => {
  test('no rows: an empty headline', () => {
    expect(summarizeParallelism([], PARAMS, GPU).headline).toBe('');
  });

  test('attention faster at the largest T shows the claim, with both times and the interval in the headline', () => {
    const summary = summarizeParallelism(pair([1, 2, 4, 8, 16, 32], [3, 3, 5, 4, 4, 4]), PARAMS, GPU);
    expect(summary.verdict).toBe('shows');
    expect(summary.headline).toMatch(
      /^At T = 512 the RNN took 32\.0 ms and the attention layer 4\.00 ms \(RNN ÷ attention 8\.00× \(95% interval [\d.]+–[\d.]+×, 5 runs each\)\): attention was faster at the longest sequence\.$/,
    );
    expect(summary.sentences.length).toBeLessThanOrEqual(3);
    expect(summary.sentences.join(' ')).toContain('The lines cross once, with significant leads on both sides: between T = 16 and 64.');
  });

  test('the RNN faster at every T contradicts the claim on this device', () => {
    const summary = summarizeParallelism(pair([1, 2, 3, 4, 5, 6], [2, 4, 6, 8, 10, 12]), PARAMS, GPU);
    expect(summary.verdict).toBe('contradicts');
    expect(summary.headline).toContain('At T = 512 the RNN took 6.00 ms and the attention layer 12.0 ms');
    expect(summary.headline).toContain('on this device the chain was faster at every length.');
    expect(summary.sentences.join(' ')).toContain('The lines never cross significantly.');
  });

  test('a tie within ±10% is not a win for attention', () => {
    const summary = summarizeParallelism(pair([1, 2, 3, 4, 5, 6], [1.01, 2.02, 3.03, 4.04, 5.05, 6.06]), PARAMS, GPU);
    expect(summary.verdict).toBe('contradicts');
    expect(summary.headline).toContain('the two tied within ±10%.');
  });

  test('repetitions spread ±90% are too noisy to tell, even with medians 1.5× apart', () => {
    const summary = summarizeParallelism(pair([1, 2, 3, 4, 5, 6], [1.5, 3, 4.5, 6, 7.5, 9], WIDE), PARAMS, GPU);
    expect(summary.verdict).toBe('noisy');
    expect(summary.headline).toContain('the difference is within noise.');
    expect(summary.sentences.join(' ')).not.toMatch(/was faster at/);
  });

  test('a single spike off the trend is held back, not a finding', () => {
    // The RNN's time jumps 5× at T = 64 only: that point is noise until measured again.
    const summary = summarizeParallelism(pair([1, 2, 4, 40, 16, 32], [3, 3, 5, 4, 4, 4]), PARAMS, GPU);
    expect(summary.details.some((line) => line.includes('at T = 64 is more than 2× off the trend'))).toBe(true);
    expect(summary.details.find((line) => line.startsWith('T = 64: 10.0×'))).toMatch(/→ within noise\.$/);
  });
});

describe('parallelism: how it was measured', () => {
  const rows = pair([1, 2, 4, 8, 16, 32], [3, 3, 5, 4, 4, 4]);

  test('no "why" without a measured rate and bandwidth, and no projection at all', () => {
    const summary = summarizeParallelism(rows, PARAMS, GPU);
    const all = [summary.headline, ...summary.sentences, ...summary.details].join(' ');
    expect(all).toContain('this run did not measure the arithmetic rate and memory bandwidth the roofline needs');
    expect(all).not.toMatch(/Projection|0\.00 µs/);
    expect(summary.details).toContain(
      'Measured on this device before the sweep: one minimal dispatch inside a command buffer costs 50.0 µs, and one submit-and-wait round trip costs 3.00 ms.',
    );
  });

  test('per-step submits are costed in the measured round trips', () => {
    const summary = summarizeParallelism([...rows, row(RNN_SUBMIT_SERIES, 512, 1640, TIGHT, 512)], PARAMS, GPU);
    expect(summary.details).toContain(
      `${RNN_SUBMIT_SERIES}: at T = 512 it made 512 submit-and-waits; at the measured 3.00 ms each, they predict 1.54 s, and the run took 1.64 s.`,
    );
  });
});
