/** The quadratic-cost sentences, on synthetic rows: slopes, the memory wall, and which attention was faster, explained by the constants. */
import { describe, expect, test } from 'vitest';
import { attentionFlops } from '../../../../kernels/attention/cost';
import { quadraticCost, ATTENTION_SERIES, FLASH_SERIES, type QuadraticRow } from '../../../../src/experiments/registry';
import type { DeviceConstants } from '../../../../src/experiments/shared/explain-timing';

const PARAMS = { maxT: 4096, width: 64 };
const GPU: DeviceConstants = {
  kind: 'webgpu',
  perDispatchMs: 0.05,
  submitAndWaitMs: 3,
  flopsPerMs: 1e6,
  maxBufferSize: 2 ** 28,
  maxStorageBufferBindingSize: 2 ** 27,
  measured: true,
};
// 60 µs per dispatch, 0.3 GFLOP/s; materialised attention is 3 dispatches, tiled 1.
const timeOf = (dispatches: number, flops: number) => dispatches * 0.06 + flops / 3e5;

function row(series: string, T: number, medianMs?: number): QuadraticRow {
  const flops = attentionFlops({ sequenceLength: T, keyDim: 64, valueDim: 64 });
  const materialised = series === ATTENTION_SERIES;
  const dispatches = materialised ? 3 : 1;
  const ms = medianMs ?? timeOf(dispatches, flops);
  return {
    series,
    T,
    medianMs: ms,
    minMs: ms,
    timing: 'wall clock',
    dispatches,
    submits: 1,
    flops,
    scoreMatrixBytes: materialised ? 4 * T * T : 0,
    allocatedBytes: (materialised ? 4 * T * T : 0) + 4 * 4 * T * 64,
  };
}

describe('quadratic cost: sentences from rows', () => {
  test('no rows, no sentences', () => {
    expect(quadraticCost.summarize([], PARAMS, GPU)).toEqual([]);
  });

  test('where the materialised scores stop, tiled attention goes on, and memory grows as T² against T', () => {
    const rows = [...[256, 512, 1024].map((T) => row(ATTENTION_SERIES, T)), ...[256, 512, 1024, 2048, 4096].map((T) => row(FLASH_SERIES, T))];
    const summary = quadraticCost.summarize(rows, PARAMS, GPU);
    expect(summary).toContain('Materialised attention ran up to T = 1,024, where its T×T scores alone took 4 MiB.');
    expect(summary).toContain('Tiled attention went on to T = 4,096, holding 4 MiB in all: it never stores the scores.');
    expect(summary.find((s) => s.startsWith("Materialised attention's memory grows as T^"))).toMatch(/T\^1\.[6-9]\d/);
    expect(summary).toContain("Tiled attention's memory grows as T^1.00 over the upper half of the sweep.");
  });

  test('with equal arithmetic, the extra dispatches decide, by the fit', () => {
    // Short sequences, where 60 µs per dispatch is a visible share of the time.
    const rows = [4, 8, 16].flatMap((T) => [row(ATTENTION_SERIES, T), row(FLASH_SERIES, T)]);
    const summary = quadraticCost.summarize(rows, PARAMS, GPU);
    expect(summary).toContain('The lines never cross: tiled attention was faster at every T from 4 to 16.');
    expect(summary.find((s) => s.startsWith('By the fit, at T = 16'))).toContain(
      'So materialised attention makes 3.00× the dispatches for as much arithmetic.',
    );
  });

  test('materialised faster at small T, tiled from 1,024: one crossing', () => {
    const rows = [
      row(ATTENTION_SERIES, 256, 1),
      row(FLASH_SERIES, 256, 2),
      row(ATTENTION_SERIES, 512, 3),
      row(FLASH_SERIES, 512, 4),
      row(ATTENTION_SERIES, 1024, 9),
      row(FLASH_SERIES, 1024, 5),
    ];
    expect(quadraticCost.summarize(rows, PARAMS, GPU)).toContain(
      'The lines cross once: faster was materialised attention at T = 256–512 and tiled attention at T = 1,024.',
    );
  });
});
