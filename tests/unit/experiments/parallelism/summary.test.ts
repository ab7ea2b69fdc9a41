/**
 * The parallelism sentences, on synthetic rows for each outcome the rows can show: the
 * RNN faster throughout, attention faster from some T, the RNN slower in the middle and
 * faster at both ends, a tie, several RNN variants, the CPU path, and a fit too loose
 * to explain anything. Times follow known constants unless a case sets them.
 */
import { describe, expect, test } from 'vitest';
import { attentionLayerFlops } from '../../../../kernels/attention/cost';
import { rnnForwardFlops } from '../../../../kernels/rnn/cost';
import {
  parallelism,
  ATTENTION_LAYER_SERIES,
  RNN_PERSISTENT_SERIES,
  RNN_SERIES,
  RNN_SUBMIT_SERIES,
  type ParallelismRow,
} from '../../../../src/experiments/registry';
import type { DeviceConstants } from '../../../../src/experiments/shared/explain-timing';

const WIDTH = 64;
const PARAMS = { maxT: 512, width: WIDTH, variants: false };
const LENGTHS = [1, 4, 16, 64, 256, 512];
// A device where a dispatch costs 60 µs and arithmetic runs at 0.3 GFLOP/s.
const OVERHEAD_MS = 0.06;
const FLOPS_PER_MS = 3e5;
const GPU: DeviceConstants = {
  kind: 'webgpu',
  perDispatchMs: 0.05,
  submitAndWaitMs: 3,
  flopsPerMs: 1e6,
  maxBufferSize: 2 ** 28,
  maxStorageBufferBindingSize: 2 ** 27,
  measured: true,
};

function row(series: string, T: number, medianMs?: number, submits = 1): ParallelismRow {
  const attention = series === ATTENTION_LAYER_SERIES;
  const flops = attention ? attentionLayerFlops({ sequenceLength: T, width: WIDTH }) : rnnForwardFlops({ steps: T, hidden: WIDTH, input: WIDTH });
  const dispatches = attention ? 7 : series === RNN_PERSISTENT_SERIES ? 1 : T;
  const ms = medianMs ?? dispatches * OVERHEAD_MS + flops / FLOPS_PER_MS;
  return { series, T, medianMs: ms, minMs: ms, timing: 'wall clock', dispatches, submits, flops, gflops: flops / (ms * 1e6) };
}

/** Rows for the RNN and attention with the given times at LENGTHS. */
const pair = (rnnMs: number[], attentionMs: number[]) =>
  LENGTHS.flatMap((T, i) => [row(RNN_SERIES, T, rnnMs[i]), row(ATTENTION_LAYER_SERIES, T, attentionMs[i])]);

describe('parallelism: which method the sentences name', () => {
  test('no rows, no sentences', () => {
    expect(parallelism.summarize([], PARAMS, GPU)).toEqual([]);
  });

  test('the RNN faster at every T: the lines never cross', () => {
    const summary = parallelism.summarize(pair([1, 2, 3, 4, 5, 6], [2, 4, 6, 8, 10, 12]), PARAMS, GPU);
    expect(summary).toContain('At the largest T shown, 512, the RNN was faster: 6.00 ms against 12.0 ms for attention.');
    expect(summary).toContain('The lines never cross: the RNN was faster at every T from 1 to 512.');
    expect(summary).toContain('Every run is one sequence: batch size 1.');
  });

  test('attention faster from T = 64: the lines cross once', () => {
    const summary = parallelism.summarize(pair([1, 2, 4, 8, 16, 32], [3, 3, 5, 4, 4, 4]), PARAMS, GPU);
    expect(summary).toContain('At the largest T shown, 512, attention was faster: 4.00 ms against 32.0 ms for the RNN.');
    expect(summary).toContain('The lines cross once: faster was the RNN at T = 1–16 and attention at T = 64–512.');
  });

  test('the RNN slower in the middle and faster at both ends: it is named at the largest T', () => {
    // The case: attention faster at T = 16–64, the RNN faster again at 256 and 512.
    const summary = parallelism.summarize(pair([1, 2, 20, 80, 160, 200], [3, 4, 10, 20, 250, 400]), PARAMS, GPU);
    expect(summary).toContain('At the largest T shown, 512, the RNN was faster: 200 ms against 400 ms for attention.');
    expect(summary).toContain('The lines cross twice: faster was the RNN at T = 1–4, attention at T = 16–64 and the RNN again at T = 256–512.');
    expect(summary.join(' ')).not.toMatch(/from T = \d+ attention was faster/);
  });

  test('a tie at every T is called a tie, naming neither', () => {
    const summary = parallelism.summarize(pair([1, 2, 3, 4, 5, 6], [1.01, 2.02, 3.03, 4.04, 5.05, 6.06]), PARAMS, GPU);
    expect(summary).toContain('At the largest T shown, 512, the RNN and attention took within 5% of each other: 6.00 ms and 6.06 ms.');
    expect(summary).toContain('The two were within 5% of each other at every T from 1 to 512.');
    expect(summary.join(' ')).not.toMatch(/was faster:/);
  });

  test('with the variants, attention is compared with the fastest RNN variant, and per-step submits are costed', () => {
    const rows = [
      ...LENGTHS.map((T) => row(RNN_SERIES, T)),
      ...LENGTHS.map((T) => row(RNN_PERSISTENT_SERIES, T, 0.1 * T)),
      ...LENGTHS.map((T) => row(RNN_SUBMIT_SERIES, T, 3.2 * T, T)),
      ...LENGTHS.map((T) => row(ATTENTION_LAYER_SERIES, T)),
    ];
    const summary = parallelism.summarize(rows, { ...PARAMS, variants: true }, GPU);
    expect(summary).toContain(
      `At the largest T shown, 512, the RNN was faster: its fastest variant there, “${RNN_PERSISTENT_SERIES}”, took 51.2 ms against 280 ms for attention.`,
    );
    expect(summary).toContain('The lines never cross: the fastest RNN variant was faster at every T from 1 to 512.');
    expect(summary).toContain(
      `${RNN_SUBMIT_SERIES}: at T = 512 it made 512 submit-and-waits; at the measured 3.00 ms each, they predict 1.54 s, and the run took 1.64 s.`,
    );
  });
});

describe('parallelism: explained by the constants', () => {
  // Exact times from the constants: the fit recovers them and explains T = 512.
  const exact = LENGTHS.flatMap((T) => [row(RNN_SERIES, T), row(ATTENTION_LAYER_SERIES, T)]);

  test('both measured constants, the fitted ones and the fit quality are shown', () => {
    const summary = parallelism.summarize(exact, PARAMS, GPU);
    expect(summary).toContain(
      'Measured on this device before the sweep: one minimal dispatch inside a command buffer costs 50.0 µs, and one submit-and-wait round trip costs 3.00 ms.',
    );
    const fit = summary.find((sentence) => sentence.startsWith('Fitted to the runs recorded in one command buffer (12)'))!;
    expect(fit).toContain('60.0 µs per dispatch and 0.300 GFLOP/s');
    expect(fit).toContain('median error of under 0.1% and at worst under 0.1%');
  });

  test('the result at the largest T is explained in dispatches and arithmetic', () => {
    // At T = 512, d = 64: the RNN is 512 dispatches and 8.39 MFLOP; attention 7 dispatches and 83.9 MFLOP.
    const explanation = parallelism.summarize(exact, PARAMS, GPU).find((sentence) => sentence.startsWith('By the fit, at T = 512'))!;
    expect(explanation).toContain('the RNN costs 512 dispatches × 60.0 µs = 30.7 ms plus 8.39 MFLOP ÷ 0.300 GFLOP/s = 28.0 ms');
    expect(explanation).toContain("So attention's 10.0× more arithmetic outweighs the RNN's 73.1× more dispatches.");
  });

  test('a statement about other hardware is a labelled projection with its inputs', () => {
    const projection = parallelism.summarize(exact, PARAMS, GPU).find((sentence) => sentence.startsWith('Projection, not a measurement'))!;
    expect(projection).toContain('with 100× this rate (30.0 GFLOP/s) and the same cost per dispatch (60.0 µs)');
    expect(projection).toMatch(/attention at T = [\d,–]+ ?|never cross/);
  });

  test('a fit too loose to explain says so instead of explaining', () => {
    const noisy = pair([1, 50, 2, 90, 3, 120], [40, 1, 60, 2, 80, 4]);
    const summary = parallelism.summarize(noisy, PARAMS, GPU);
    expect(summary.some((sentence) => /the fit is too loose to say why one method was faster at T = 512/.test(sentence))).toBe(true);
    expect(summary.some((sentence) => sentence.startsWith('By the fit'))).toBe(false);
    expect(summary.some((sentence) => sentence.startsWith('Projection'))).toBe(false);
  });

  test('the CPU path says there is no dispatch cost to measure, and fits a rate alone', () => {
    const cpuRows = LENGTHS.flatMap((T) => [row(RNN_SERIES, T), row(ATTENTION_LAYER_SERIES, T)]).map((r) => ({
      ...r,
      dispatches: 0,
      submits: 0,
      medianMs: r.flops / FLOPS_PER_MS,
    }));
    const summary = parallelism.summarize(cpuRows, PARAMS, { kind: 'cpu' });
    expect(summary).toContain('The CPU path makes no GPU dispatches, so there is no dispatch cost to measure; its fit below has an arithmetic rate alone.');
    expect(summary.find((sentence) => sentence.startsWith('Fitted to these runs (12)'))).toContain('no cost per dispatch and 0.300 GFLOP/s');
    expect(summary.join(' ')).not.toMatch(/submit-and-wait|command buffer/);
  });
});
