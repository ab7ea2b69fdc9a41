import { describe, expect, test } from 'vitest';
import type { TimedRow } from '../../../src/experiments/shared/definition';
import { measureSizes, seriesOffTrend } from '../../../src/experiments/shared/measure-sizes';
import { bySize, leadSentence, intervalDetails, pairFindings } from '../../../src/experiments/shared/pair-findings';

interface Row extends TimedRow {
  T: number;
}

/** Five repetitions around `ms`, spread ±2%, so the intervals are tight. */
const row = (series: string, T: number, ms: number): Row => ({
  series,
  T,
  medianMs: ms,
  minMs: ms * 0.98,
  samplesMs: [0.98, 0.99, 1, 1.01, 1.02].map((f) => f * ms),
  timing: 'wall clock',
  dispatches: 1,
  submits: 1,
});

/**
 * A fake device: the loop costs T/1000 ms, the scan T/4000 ms, times a spike's factor where one is
 * listed by (series, T): `factors[n]` for the n-th measurement of that size (1 where none is listed).
 * Each measurement advances a fake clock by the time it "took".
 */
function fakeSweep(spikes: Array<{ series: string; T: number; factors: number[] }>, costPerSize = (T: number) => T) {
  let clock = 0;
  const measuredCount = new Map<number, number>();
  const calls: Array<{ size: number; again: boolean }> = [];
  const measureAt = async (T: number, again: boolean): Promise<Row[]> => {
    calls.push({ size: T, again });
    const n = measuredCount.get(T) ?? 0;
    measuredCount.set(T, n + 1);
    clock += costPerSize(T);
    const factor = (series: string) => spikes.find((s) => s.series === series && s.T === T)?.factors[n] ?? 1;
    return [row('loop', T, (factor('loop') * T) / 1000), row('scan', T, (factor('scan') * T) / 4000)];
  };
  return { measureAt, calls, now: () => clock };
}

const SIZES = [1024, 2048, 4096, 8192, 16384];

describe('measureSizes', () => {
  test('emits every size once, in order, measuring nothing again when every point is on its trend', async () => {
    const sweep = fakeSweep([]);
    const emitted: Row[] = [];
    await measureSizes({ sizes: SIZES, key: 'T', measureAt: sweep.measureAt, emit: (r) => emitted.push(r), now: sweep.now });
    expect(emitted.map((r) => `${r.series}@${r.T}`)).toEqual(SIZES.flatMap((T) => [`loop@${T}`, `scan@${T}`]));
    expect(sweep.calls.every((c) => !c.again)).toBe(true);
    expect(emitted.every((r) => r.firstMedianMs === undefined)).toBe(true);
  });

  test('measures a spiked point again before emitting it, and the second measurement replaces the first', async () => {
    // The loop at T = 4,096 is 5× slow the first time only.
    const sweep = fakeSweep([{ series: 'loop', T: 4096, factors: [5] }]);
    const emitted: Row[] = [];
    await measureSizes({ sizes: SIZES, key: 'T', measureAt: sweep.measureAt, emit: (r) => emitted.push(r), now: sweep.now });
    expect(sweep.calls.filter((c) => c.again)).toEqual([{ size: 4096, again: true }]);
    const loopAt4096 = emitted.filter((r) => r.series === 'loop' && r.T === 4096);
    expect(loopAt4096).toHaveLength(1);
    expect(loopAt4096[0]!.medianMs).toBeCloseTo(4.096);
    expect(loopAt4096[0]!.firstMedianMs).toBeCloseTo(5 * 4.096);
    // The scan at that size, not off its trend, is the new measurement without the mark.
    expect(emitted.find((r) => r.series === 'scan' && r.T === 4096)!.firstMedianMs).toBeUndefined();
    expect(emitted).toHaveLength(2 * SIZES.length);

    // The findings use the second measurement and say in the details that it was measured again.
    const findings = pairFindings(bySize(emitted, 'scan', 'T'), bySize(emitted, 'loop', 'T'), { a: 'the scan', b: 'the loop' }, 'T');
    expect(findings.heldBack).toEqual([]);
    expect(findings.remeasured.map((entry) => entry.x)).toEqual([4096]);
    expect(findings.comparisons.every((c) => c.outcome === 'a')).toBe(true);
    expect(intervalDetails(findings, { a: 'the scan', b: 'the loop' }, 'T').join(' ')).toMatch(
      /the loop's first time at T = 4,096, 20\.\d ms, .*measured again, 4\.10 ms/,
    );
  });

  test('a point still off its trend after measuring again, and not within 25% of its first time, is held back, and the lead sentence says so', async () => {
    // 5× slow the first time, 10× the second: off the trend both times, and the two disagree.
    const sweep = fakeSweep([{ series: 'loop', T: 4096, factors: [5, 10] }]);
    const emitted: Row[] = [];
    await measureSizes({ sizes: SIZES, key: 'T', measureAt: sweep.measureAt, emit: (r) => emitted.push(r), now: sweep.now });
    const names = { a: 'the scan', b: 'the loop' };
    const findings = pairFindings(bySize(emitted, 'scan', 'T'), bySize(emitted, 'loop', 'T'), names, 'T');
    expect(findings.heldBack.map((entry) => [entry.x, entry.cause])).toEqual([[4096, 'trend']]);
    expect(findings.heldBack[0]!.reason).toMatch(/measured again .* it still is, without reproducing the first time within 25%/);
    expect(findings.comparisons.find((c) => c.x === 4096)!.outcome).toBe('noise');
    expect(leadSentence(findings, names, 'T')).toContain("held back: at T = 4,096 a time stayed more than 2× off its neighbours' trend");
  });

  test('re-measuring stops once it has taken half the sweep’s measuring time', async () => {
    // Two spikes, at T = 2,048 and 16,384, both still there when measured again but not reproducing their first
    // time; a size costs its T in fake milliseconds.
    const spikes = [2048, 16384].map((T) => ({ series: 'loop', T, factors: [5, 10] }));
    const sizes = [1024, 2048, 4096, 8192, 16384, 32768, 65536];
    const sweep = fakeSweep(spikes);
    await measureSizes({ sizes, key: 'T', measureAt: sweep.measureAt, emit: () => {}, now: sweep.now });
    expect(sweep.calls.filter((c) => c.again).map((c) => c.size)).toEqual([2048, 16384]);

    // Where measuring T = 2,048 again takes more than half of all the measuring, the second spike is not measured again.
    const costly = fakeSweep(spikes, (T) => (T === 2048 ? 200_000 : T));
    const kept: Row[] = [];
    await measureSizes({ sizes, key: 'T', measureAt: costly.measureAt, emit: (r) => kept.push(r), now: costly.now });
    expect(costly.calls.filter((c) => c.again).map((c) => c.size)).toEqual([2048]);
    const findings = pairFindings(bySize(kept, 'scan', 'T'), bySize(kept, 'loop', 'T'), { a: 'the scan', b: 'the loop' }, 'T');
    expect(findings.heldBack.map((entry) => entry.x)).toEqual([2048, 16384]);
    expect(findings.heldBack[0]!.reason).toContain('measured again');
    expect(findings.heldBack[1]!.reason).toContain('was not measured again');
  });

  test('one size, or two, are emitted as measured: neither has two neighbours', async () => {
    for (const sizes of [[1024], [1024, 2048]]) {
      const sweep = fakeSweep([{ series: 'loop', T: 1024, factors: [5] }]);
      const emitted: Row[] = [];
      await measureSizes({ sizes, key: 'T', measureAt: sweep.measureAt, emit: (r) => emitted.push(r), now: sweep.now });
      expect(emitted).toHaveLength(2 * sizes.length);
      expect(sweep.calls.some((c) => c.again)).toBe(false);
    }
  });
});

describe('measureSizes at the ends of a sweep', () => {
  const names = { a: 'the scan', b: 'the loop' };
  const run = async (spikes: Array<{ series: string; T: number; factors: number[] }>) => {
    const sweep = fakeSweep(spikes);
    const emitted: Row[] = [];
    await measureSizes({ sizes: SIZES, key: 'T', measureAt: sweep.measureAt, emit: (r) => emitted.push(r), now: sweep.now });
    const findings = pairFindings(bySize(emitted, 'scan', 'T'), bySize(emitted, 'loop', 'T'), names, 'T');
    return { sweep, emitted, findings, details: intervalDetails(findings, names, 'T').join(' ') };
  };

  test('a spike at the last size, the one headlines quote, is measured again and replaced', async () => {
    const { sweep, emitted, findings, details } = await run([{ series: 'loop', T: 16384, factors: [5] }]);
    expect(sweep.calls.filter((c) => c.again)).toEqual([{ size: 16384, again: true }]);
    const last = emitted.filter((r) => r.series === 'loop' && r.T === 16384);
    expect(last).toHaveLength(1);
    expect(last[0]!.medianMs).toBeCloseTo(16.384);
    expect(last[0]!.firstMedianMs).toBeCloseTo(5 * 16.384);
    expect(findings.heldBack).toEqual([]);
    expect(findings.remeasured.map((entry) => entry.x)).toEqual([16384]);
    expect(findings.largest!.outcome).toBe('a');
    expect(details).toMatch(/the loop's first time at T = 16,384, 81\.9 ms, .*measured again, 16\.4 ms, it is on it/);
    expect(details).toContain('at the first and last size, the line extrapolated from its two nearest');
  });

  test('a spike at the first size is measured again and replaced, and its neighbours are not', async () => {
    const { sweep, findings } = await run([{ series: 'loop', T: 1024, factors: [5] }]);
    expect(sweep.calls.filter((c) => c.again)).toEqual([{ size: 1024, again: true }]);
    expect(findings.heldBack).toEqual([]);
    expect(findings.remeasured.map((entry) => entry.x)).toEqual([1024]);
  });

  test('a steeper last size that reproduces within 25% (a memory wall) is kept and used, and the details say why', async () => {
    // 6× the trend the first time, 5.5× the second: off the trend both times, and the two agree within 25%.
    const { sweep, emitted, findings, details } = await run([{ series: 'loop', T: 16384, factors: [6, 5.5] }]);
    expect(sweep.calls.filter((c) => c.again)).toEqual([{ size: 16384, again: true }]);
    expect(emitted.find((r) => r.series === 'loop' && r.T === 16384)!.medianMs).toBeCloseTo(5.5 * 16.384);
    expect(findings.heldBack).toEqual([]);
    expect(findings.remeasured.map((entry) => entry.x)).toEqual([16384]);
    expect(findings.largest!.outcome).toBe('a');
    expect(details).toMatch(/measured again, 90\.1 ms, it is still off it but within 25% of the first, so the effect reproduced and is kept/);
    expect(details).toContain('a real effect, such as a memory wall or a cache edge, reproduces');
  });

  test('a last size that stays off its trend and does not reproduce is held back, and the lead sentence says so', async () => {
    const { findings } = await run([{ series: 'loop', T: 16384, factors: [5, 10] }]);
    expect(findings.heldBack.map((entry) => [entry.x, entry.cause])).toEqual([[16384, 'trend']]);
    expect(findings.heldBack[0]!.reason).toMatch(/measured again .* it still is, without reproducing the first time within 25%/);
    expect(findings.largest!.outcome).toBe('noise');
    expect(leadSentence(findings, names, 'T')).toContain("held back: at T = 16,384 a time stayed more than 2× off its neighbours' trend");
  });

  test('an inner point that reproduces its first time within 25% is kept too', async () => {
    const { findings, details } = await run([{ series: 'loop', T: 4096, factors: [5, 4.5] }]);
    expect(findings.heldBack).toEqual([]);
    expect(findings.comparisons.find((c) => c.x === 4096)!.outcome).toBe('a');
    expect(details).toMatch(/the loop's first time at T = 4,096, 20\.\d ms, .*within 25% of the first/);
  });

  test('the first two sizes are emitted once the fourth is measured, the rest two sizes late', async () => {
    const sweep = fakeSweep([]);
    const measuredWhenEmitted: number[] = [];
    await measureSizes({ sizes: SIZES, key: 'T', measureAt: sweep.measureAt, emit: () => measuredWhenEmitted.push(sweep.calls.length), now: sweep.now });
    expect(measuredWhenEmitted).toEqual([4, 4, 4, 4, 5, 5, 5, 5, 5, 5]);
  });
});

describe('seriesOffTrend', () => {
  test('judges each series against its own neighbours, and not a series with no neighbour on one side', () => {
    const bySize = [
      [row('a', 1, 1), row('b', 1, 1)],
      [row('a', 2, 2), row('b', 2, 10), row('c', 2, 1)],
      [row('a', 4, 4), row('b', 4, 4)],
    ];
    expect(seriesOffTrend(bySize, 1, 'T')).toEqual(['b']);
  });

  test('a spike condemns itself, not the neighbour it pulls off its line', () => {
    const bySize = [1, 2, 4, 8, 16].map((T) => [row('a', T, T * (T === 8 ? 5 : 1))]);
    expect(seriesOffTrend(bySize, 2, 'T')).toEqual([]);
    expect(seriesOffTrend(bySize, 3, 'T')).toEqual(['a']);
    expect(seriesOffTrend(bySize, 4, 'T')).toEqual([]);
  });

  test('an end is judged against the line extrapolated from its two nearest neighbours, and a spike beside it condemns only itself', () => {
    const spikedAt = (spike: number) => [1, 2, 4, 8, 16].map((T) => [row('a', T, T * (T === spike ? 5 : 1))]);
    expect(seriesOffTrend(spikedAt(16), 4, 'T')).toEqual(['a']);
    expect(seriesOffTrend(spikedAt(16), 3, 'T')).toEqual([]);
    expect(seriesOffTrend(spikedAt(1), 0, 'T')).toEqual(['a']);
    expect(seriesOffTrend(spikedAt(1), 1, 'T')).toEqual([]);
    // The second size spiked: extrapolating through it puts the first 25× off, but the spike is the one measured again.
    expect(seriesOffTrend(spikedAt(2), 0, 'T')).toEqual([]);
    expect(seriesOffTrend(spikedAt(2), 1, 'T')).toEqual(['a']);
  });
});

test('where GPU timestamps disagree with the wall clock, the lead sentence says so', () => {
  const names = { a: 'the scan', b: 'the loop' };
  const rows = SIZES.flatMap((T) => [row('loop', T, T / 1000), { ...row('scan', T, T / 4000), gpuMs: T === 2048 ? T / 40000 : undefined }]);
  const findings = pairFindings(bySize(rows, 'scan', 'T'), bySize(rows, 'loop', 'T'), names, 'T');
  expect(findings.heldBack.map((entry) => [entry.x, entry.cause])).toEqual([[2048, 'clocks']]);
  expect(leadSentence(findings, names, 'T')).toContain('held back: at T = 2,048 the GPU timestamps and the wall clock disagreed by more than 2×');
});
