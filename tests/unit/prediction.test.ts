import { describe, expect, test, vi } from 'vitest';
import { CPU_BACKEND } from '../../kernels/runtime';
import type { BottleneckRow } from '../../src/experiments/bottleneck/definition';
import type { GradientRow } from '../../src/experiments/gradients/definition';
import type { ParallelismRow } from '../../src/experiments/parallelism/definition';
import type { QuadraticRow } from '../../src/experiments/quadratic-cost/definition';
import { experiments, type AnyExperimentDefinition, type ExperimentName, type ExperimentRow, type ParamsOf } from '../../src/experiments/registry';
import {
  ATTENTION_LAYER_SERIES,
  ATTENTION_SERIES,
  FIXED_STATE_SERIES,
  FORGET_GRADIENT_SERIES,
  KV_STEP_SERIES,
  LSTM_CELL_GRADIENT_SERIES,
  RNN_SERIES,
  RNN_STEP_SERIES,
} from '../../src/experiments/shared/series';
import type { StreamingRow } from '../../src/experiments/streaming/definition';
import { PREDICTION_MEASURES, comparePrediction, parsePrediction, type Measurement } from '../../src/utils/prediction';
import { announceResult, onResult } from '../../src/utils/result-events';

describe('reading a prediction', () => {
  test('digits with separators, decimals, exponents and a trailing ×', () => {
    expect(parsePrediction('1,024')).toEqual({ ok: true, value: 1024 });
    expect(parsePrediction(' 0.0066 ')).toEqual({ ok: true, value: 0.0066 });
    expect(parsePrediction('6.6e-3')).toEqual({ ok: true, value: 0.0066 });
    expect(parsePrediction('2×')).toEqual({ ok: true, value: 2 });
  });

  test('bad input gets a clear message and is not read as zero', () => {
    expect(parsePrediction('')).toEqual({ ok: false, message: 'Type a number first.' });
    const words = parsePrediction('about a thousand');
    expect(words.ok).toBe(false);
    expect(!words.ok && words.message).toMatch(/is not a number/);
    expect(parsePrediction('1e999')).toEqual({ ok: false, message: 'That number is too large to compare.' });
  });
});

describe('comparing a prediction with the measurement', () => {
  const ratio = { scale: 'ratio', tolerance: 2, unit: '' } as const;
  const difference = { scale: 'difference', tolerance: 0.2, unit: '' } as const;

  test('on a ratio scale: within the factor is close, otherwise too high or too low by how much', () => {
    expect(comparePrediction(1500, 1000, ratio).verdict).toBe('close'); // 1.5 ≤ 2
    expect(comparePrediction(500, 1000, ratio).verdict).toBe('close'); // exactly a factor of 2
    const high = comparePrediction(2700, 1000, ratio);
    expect(high.verdict).toBe('high');
    expect(high.sentence).toContain('2.7 times the measurement');
    const low = comparePrediction(250, 1000, ratio);
    expect(low.verdict).toBe('low');
    expect(low.sentence).toContain('4 times smaller');
  });

  test('on a ratio scale a prediction of zero or less is not divided by', () => {
    expect(comparePrediction(0, 1000, ratio)).toEqual({ verdict: 'low', sentence: expect.stringMatching(/above zero/) });
  });

  test('on a difference scale: a slope of 1.9 against a measured 2.03 is close, 1 is far too low', () => {
    expect(comparePrediction(1.9, 2.03, difference).verdict).toBe('close');
    const low = comparePrediction(1, 2.03, difference);
    expect(low.verdict).toBe('low');
    expect(low.sentence).toContain('1 below');
  });
});

/** An experiment's own sweep on the CPU path at a tiny size, so a change to its rows reaches these tests. */
async function sweepOnCpu<Name extends ExperimentName>(name: Name, params: ParamsOf<(typeof experiments)[Name]>): Promise<ExperimentRow[]> {
  const rows: ExperimentRow[] = [];
  const definition: AnyExperimentDefinition = experiments[name];
  const sweep = await definition.sweep();
  await sweep({ backend: CPU_BACKEND, params, signal: new AbortController().signal, emit: (row: ExperimentRow) => rows.push(row), progress() {}, notice() {} });
  return rows;
}

/** A timed row with only the fields a measure does not read set to plain values. */
const timed = (medianMs: number) => ({ medianMs, minMs: medianMs, timing: 'wall clock', dispatches: 0, submits: 0 });

const failure = (measurement: Measurement) => (measurement.ok ? undefined : measurement.reason);

describe('every measure names an experiment that exists', () => {
  test.each(Object.entries(PREDICTION_MEASURES))('%s', (_, measure) => {
    expect(Object.keys(experiments)).toContain(measure.experiment);
  });
});

describe('parallelism-attention-growth: attention layer time at the largest T over T = 1', () => {
  const measure = PREDICTION_MEASURES['parallelism-attention-growth'].measure;

  test('from rows shaped as ParallelismRow', () => {
    const rows: ParallelismRow[] = [
      { series: ATTENTION_LAYER_SERIES, T: 1, flops: 1, gflops: 1, ...timed(0.5) },
      { series: ATTENTION_LAYER_SERIES, T: 64, flops: 1, gflops: 1, ...timed(4) },
      { series: RNN_SERIES, T: 64, flops: 1, gflops: 1, ...timed(400) },
    ];
    const found = measure(rows);
    expect(found).toMatchObject({ ok: true, value: 8 });
    expect(found.ok && found.sentence).toContain('T = 64 took 8× as long as T = 1');
    expect(failure(measure(rows.slice(1)))).toMatch(/no time for the attention layer at T = 1/);
    expect(failure(measure(rows.slice(0, 1)))).toMatch(/only at T = 1/);
  });

  test('from the sweep’s own rows', async () => {
    const rows = await sweepOnCpu('parallelism', { maxT: 4, width: 4, variants: false });
    const found = measure(rows);
    expect(found.ok).toBe(true);
    expect(found.ok && found.value).toBeGreaterThan(0);
  }, 60_000);
});

describe('bottleneck-fixed-state-fails: the first T whose Wilson interval lay below 50%', () => {
  const measure = PREDICTION_MEASURES['bottleneck-fixed-state-fails'].measure;
  const accuracy = (T: number, correct: number, stateSize = 16): BottleneckRow => ({
    series: FIXED_STATE_SERIES,
    stateSize,
    T,
    correct,
    questions: 64,
    accuracy: correct / 64,
  });

  test('from rows shaped as BottleneckRow: an undecided T does not count as a fall', () => {
    // 30 of 64 has an interval across 50%: undecided. 5 of 64 lies wholly below.
    const rows = [accuracy(4, 64), accuracy(8, 30), accuracy(16, 5), accuracy(32, 0), accuracy(16, 64, 64)];
    expect(measure(rows, { stateSize: 16, maxT: 32 })).toMatchObject({ ok: true, value: 16 });
    expect(failure(measure(rows, { stateSize: 64, maxT: 32 }))).toMatch(/never fell clearly below 50% up to T = 16/);
    expect(failure(measure(rows, { stateSize: 256, maxT: 32 }))).toMatch(/no accuracy for the fixed state of m = 256/);
    expect(failure(measure(rows, {}))).toMatch(/which state size/);
  });

  test('from the sweep’s own rows, with the rule the summary uses', async () => {
    const params = { stateSize: 16, maxT: 64 };
    const rows = await sweepOnCpu('bottleneck', params);
    const found = measure(rows, params);
    const summary = (await experiments.bottleneck.summarize())(rows as BottleneckRow[], params);
    const text = [summary.headline, ...summary.sentences, ...summary.details].join(' ');
    if (found.ok) expect(text).toContain(`fell below 50% at T = ${found.value}`);
    else expect(failure(found)).toMatch(/never fell clearly below 50%/);
  }, 60_000);
});

describe('gradients-forget-kept: what the constant-gate product f^k keeps at the largest distance', () => {
  const measure = PREDICTION_MEASURES['gradients-forget-kept'].measure;

  test('from the sweep’s own rows it is f^K, with the measured LSTM cell beside it', async () => {
    const rows = await sweepOnCpu('gradients', { singularValue: 0.9, forgetGate: 0.9, distance: 8, width: 4 });
    const found = measure(rows);
    // The sweep sums the logarithms in float32, so the product agrees to about seven digits.
    expect(found.ok && found.value).toBeCloseTo(0.9 ** 8, 6);
    expect(found.ok && found.sentence).toMatch(
      /constant-gate reference line, “Constant forget gate f\^k \(formula\)”.*at k = 8 it keeps 0\.43\. The real LSTM cell/,
    );
  }, 60_000);

  test('rows without the reference series say so', () => {
    const rows: GradientRow[] = [{ series: LSTM_CELL_GRADIENT_SERIES, k: 1, norm: 0.9, log10Norm: Math.log10(0.9) }];
    expect(failure(measure(rows))).toContain(FORGET_GRADIENT_SERIES);
  });
});

describe('quadratic-memory-slope: the log–log slope of materialised attention’s memory', () => {
  const measure = PREDICTION_MEASURES['quadratic-memory-slope'].measure;

  test('from rows shaped as QuadraticRow, growing as T²', () => {
    const rows: QuadraticRow[] = [16, 32, 64, 128].map((T) => ({
      series: ATTENTION_SERIES,
      T,
      flops: 1,
      scoreMatrixBytes: 4 * T * T,
      allocatedBytes: 4 * T * T,
      ...timed(1),
    }));
    expect(measure(rows).ok && (measure(rows) as { value: number }).value).toBeCloseTo(2, 10);
    expect(failure(measure(rows.slice(0, 1)))).toMatch(/too few T/);
  });

  test('from the sweep’s own rows the slope lies between linear and quadratic', async () => {
    const found = measure(await sweepOnCpu('quadratic-cost', { maxT: 64, width: 4 }));
    expect(found.ok).toBe(true);
    expect(found.ok && found.value).toBeGreaterThan(1);
    expect(found.ok && found.value).toBeLessThanOrEqual(2.01);
  }, 60_000);
});

describe('streaming-clock-position: the first p where the attention step took the multiple of the RNN step', () => {
  const measure = PREDICTION_MEASURES['streaming-clock-position'].measure;
  const step = (series: string, position: number, ms: number): StreamingRow => ({ series, position, flops: 1, bytesRead: 1, stateBytes: 1, ...timed(ms) });

  test('from rows shaped as StreamingRow', () => {
    const rows = [1, 2, 4, 8].flatMap((p) => [step(RNN_STEP_SERIES, p, 1), step(KV_STEP_SERIES, p, 3 * p)]);
    expect(measure(rows, { multiple: 10 })).toMatchObject({ ok: true, value: 4 });
    expect(failure(measure(rows, { multiple: 100 }))).toMatch(/never took 100× the RNN step's time up to p = 8/);
    expect(failure(measure(rows, {}))).toMatch(/which multiple/);
  });

  test('from the sweep’s own rows it agrees with the summary', async () => {
    const params = { maxPosition: 8, width: 4, multiple: 2 };
    const rows = await sweepOnCpu('streaming', params);
    const found = measure(rows, params);
    const text = (await experiments.streaming.summarize())(rows as StreamingRow[], params).sentences.join(' ');
    if (found.ok) expect(text).toContain(`first took 2× the RNN step's time at p = ${found.value}`);
    else expect(text).toContain('never took 2×');
  }, 60_000);
});

describe('announcing a result', () => {
  test('a listener hears its own experiment only, and stops when asked', () => {
    const target = new EventTarget();
    const heard = vi.fn();
    const stop = onResult('bottleneck', heard, target);
    announceResult('gradients', target);
    expect(heard).not.toHaveBeenCalled();
    announceResult('bottleneck', target);
    expect(heard).toHaveBeenCalledTimes(1);
    stop();
    announceResult('bottleneck', target);
    expect(heard).toHaveBeenCalledTimes(1);
  });
});
