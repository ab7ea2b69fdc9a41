/**
 * The quadratic-cost summary on synthetic rows, for each outcome: materialised attention's time and
 * scores growing as T² (shows the claim), growing linearly (contradicts it on this device), and a
 * spike that makes the trend noise; plus both times at the largest T, the memory wall, and the RNN's state.
 */
import { describe, expect, test } from 'vitest';
import { attentionFlops } from '../../../../kernels/attention/cost';
import { ATTENTION_SERIES, FLASH_SERIES, type QuadraticRow } from '../../../../src/experiments/registry';
import { summarizeQuadraticCost } from '../../../../src/experiments/quadratic-cost/summary';
import type { DeviceConstants } from '../../../../src/experiments/shared/explain-timing';
import { repetitions, TIGHT } from '../samples';

const PARAMS = { maxT: 4096, width: 64 };
const LENGTHS = [256, 512, 1024, 2048, 4096];
const GPU: DeviceConstants = {
  kind: 'webgpu',
  perDispatchMs: 0.05,
  submitAndWaitMs: 3,
  flopsPerMs: 1e6,
  maxBufferSize: 2 ** 28,
  maxStorageBufferBindingSize: 2 ** 27,
  measured: true,
};

function row(series: string, T: number, medianMs: number): QuadraticRow {
  const materialised = series === ATTENTION_SERIES;
  const samplesMs = repetitions(medianMs, TIGHT);
  return {
    series,
    T,
    medianMs,
    minMs: samplesMs[0]!,
    samplesMs,
    timing: 'wall clock',
    dispatches: materialised ? 3 : 1,
    submits: 1,
    flops: attentionFlops({ sequenceLength: T, keyDim: 64, valueDim: 64 }),
    scoreMatrixBytes: materialised ? 4 * T * T : 0,
    allocatedBytes: (materialised ? 4 * T * T : 0) + 4 * 4 * T * 64,
  };
}

const rows = (materialisedMs: (t: number) => number, tiledMs: (t: number) => number, lengths = LENGTHS) =>
  lengths.flatMap((T) => [row(ATTENTION_SERIES, T, materialisedMs(T)), row(FLASH_SERIES, T, tiledMs(T))]);

describe('quadratic cost: the result first', () => {
  test('no rows: an empty headline', () => {
    expect(summarizeQuadraticCost([], PARAMS, GPU).headline).toBe('');
  });

  test('time growing as T² shows the claim; the headline states both measured times at the largest T', () => {
    const summary = summarizeQuadraticCost(
      rows(
        (t) => (t * t) / 1e5,
        (t) => (t * t) / 6e5,
      ),
      PARAMS,
      GPU,
    );
    expect(summary.verdict).toBe('shows');
    expect(summary.headline).toMatch(
      /^At T = 4,096 materialised attention took 168 ms and tiled attention 28\.0 ms \(materialised ÷ tiled 6\.00× .*\); materialised time grew as T\^2\.00/,
    );
  });

  test('time growing linearly contradicts the claim on this device', () => {
    const summary = summarizeQuadraticCost(
      rows(
        (t) => t / 100,
        (t) => t / 100,
      ),
      PARAMS,
      GPU,
    );
    expect(summary.verdict).toBe('contradicts');
    expect(summary.headline).toContain('materialised time grew as T^1.00');
  });

  test('a spike off the trend makes the run too noisy to tell', () => {
    const summary = summarizeQuadraticCost(
      rows(
        (t) => (t === 1024 ? 50 : (t * t) / 1e5),
        (t) => (t * t) / 6e5,
      ),
      PARAMS,
      GPU,
    );
    expect(summary.verdict).toBe('noisy');
  });
});

describe('quadratic cost: the memory wall and the state', () => {
  test('a run short of the wall says how far away it is', () => {
    const summary = summarizeQuadraticCost(
      rows(
        (t) => (t * t) / 1e5,
        (t) => (t * t) / 6e5,
      ),
      PARAMS,
      GPU,
    );
    // 2²⁷ bytes hold 4·T² up to T = 5,792.
    expect(summary.sentences).toContain(
      'This run did not reach the memory wall: at T = 4,096 the scores took 64 MiB, and this device holds them in one buffer up to T = 5,792 (128 MiB), 1.41× further; a run to T = 8,192 would meet it.',
    );
  });

  test('a run past the wall says materialised attention stopped there', () => {
    const all = [
      ...rows(
        (t) => (t * t) / 1e5,
        (t) => (t * t) / 6e5,
      ),
      row(FLASH_SERIES, 8192, 400),
    ];
    const summary = summarizeQuadraticCost(all, { ...PARAMS, maxT: 8192 }, GPU);
    expect(summary.sentences).toContain(
      "Materialised attention reached this device's memory wall: its T×T scores stop fitting in one buffer after T = 5,792, so it stopped at T = 4,096 while tiled attention went on to T = 8,192.",
    );
  });

  test('the RNN state is counted apart from its inputs and outputs', () => {
    const summary = summarizeQuadraticCost(
      rows(
        (t) => (t * t) / 1e5,
        (t) => (t * t) / 6e5,
      ),
      PARAMS,
      GPU,
    );
    expect(summary.details).toContain(
      "The RNN's state stays at d numbers whatever T is; its memory line grows with T only because the run keeps its T inputs and all T + 1 states as outputs.",
    );
  });
});
