/**
 * The quadratic-cost summary on synthetic rows, for each outcome: materialised attention's time and
 * scores growing as T² (shows the claim), growing linearly (contradicts it on this device), and a
 * spike that makes the trend noise; plus both times at the largest T, the memory wall, and the RNN's state.
 */
import { describe, expect, test } from 'vitest';
import { attentionFlops } from '../../../../kernels/attention/cost';
import { quadraticCost, ATTENTION_SERIES, FLASH_SERIES, RNN_SERIES, type QuadraticRow } from '../../../../src/experiments/registry';
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
  test('a run short of the wall says how far away it is, and names the preset that reaches it', () => {
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
      'This run did not reach the memory wall: at T = 4,096, the largest T it ran, the scores took 64 MiB, and they fit in one buffer on this device up to T = 5,792 (128 MiB), 1.41× further. ' +
        'A run to T = 8,192 would meet it: the preset "Run up to the memory wall (T = 8,192)" above sets that length and names its estimate before it runs.',
    );
  });

  test('the preset that reaches the wall: the first power of two past it, on WebGPU; none past the CPU path’s cap', () => {
    expect(quadraticCost.presetsFor!({ kind: 'webgpu', device: GPU as Extract<DeviceConstants, { kind: 'webgpu' }> })).toEqual([
      { label: 'Run up to the memory wall (T = 8,192)', values: { maxT: 8192 } },
    ]);
    // 2 GiB of scores hold T up to 23,170: past the CPU path's 4,096.
    expect(quadraticCost.presetsFor!({ kind: 'cpu' })).toEqual([]);
    // A device whose wall is past the longest T offered has no such preset.
    expect(
      quadraticCost.presetsFor!({
        kind: 'webgpu',
        device: { ...(GPU as Extract<DeviceConstants, { kind: 'webgpu' }>), maxBufferSize: 2 ** 36, maxStorageBufferBindingSize: 2 ** 36 },
      }),
    ).toEqual([]);
  });

  test('on the CPU path, short of the wall, it says the path stops below it', () => {
    const summary = summarizeQuadraticCost(
      rows(
        (t) => (t * t) / 1e5,
        (t) => (t * t) / 6e5,
      ),
      PARAMS,
      { kind: 'cpu' },
    );
    expect(summary.sentences.join(' ')).toContain('fit in one array on the CPU path up to T = 23,170');
    expect(summary.sentences.join(' ')).toContain('The CPU path stops at T = 4,096, below it; WebGPU can go further.');
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
    const rnnRow = (T: number): QuadraticRow => ({
      ...row(RNN_SERIES, T, T / 1000),
      scoreMatrixBytes: 0,
      allocatedBytes: 4 * (2 * 64 * 64 + 64 + 64 * T + 64 * (T + 1)),
      stateBytes: 256,
    });
    const summary = summarizeQuadraticCost(
      [
        ...rows(
          (t) => (t * t) / 1e5,
          (t) => (t * t) / 6e5,
        ),
        ...LENGTHS.map(rnnRow),
      ],
      PARAMS,
      GPU,
    );
    expect(summary.details).toContain(
      'The RNN carries a state of d = 64 numbers (256 B) from step to step, the same at T = 256 and at T = 4,096. ' +
        'Its memory line counts more: at T = 4,096, 1 MiB of inputs and 1 MiB of outputs (all T + 1 states, kept to be read), beside 32.3 KiB of weights and bias; the inputs and outputs are what grow with T.',
    );
  });
});
