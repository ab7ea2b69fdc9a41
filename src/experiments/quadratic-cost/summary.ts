/** The quadratic-cost experiment's summary: the sentences derived from its rows, shown under the plot and kept for the summary chapter. */
import { logLogSlope, upperHalf } from '../shared/results';
import { constantsSentence, describeLeaders, explainAt, fitRuns, fitSentence, measuredLeaders } from '../shared/explain-timing';
import { formatBytes, formatInteger } from '../../utils/format';
import { seriesValues } from '../shared/definition';
import { ATTENTION_SERIES, FLASH_SERIES, RNN_SERIES } from '../shared/series';
import type { DeviceConstants } from '../../../kernels/runtime/device-constants';
import type { QuadraticRow, QuadraticParams } from './definition';

/** The memory wall, from the rows: how far the materialised scores went, their size there, and how each method's memory grows. */
function memorySentences(rows: readonly QuadraticRow[]): string[] {
  const sentences: string[] = [];
  const scores = seriesValues(rows, ATTENTION_SERIES, 'T', 'scoreMatrixBytes');
  const tiledMemory = seriesValues(rows, FLASH_SERIES, 'T', 'allocatedBytes');
  const lastMaterialised = Math.max(...scores.keys());
  const lastTiled = Math.max(...tiledMemory.keys());
  if (scores.size > 0) {
    sentences.push(
      `Materialised attention ran up to T = ${formatInteger(lastMaterialised)}, where its T×T scores alone took ${formatBytes(scores.get(lastMaterialised)!)}.`,
    );
  }
  if (tiledMemory.size > 0 && lastTiled > (scores.size > 0 ? lastMaterialised : 0)) {
    sentences.push(
      `Tiled attention went on to T = ${formatInteger(lastTiled)}, holding ${formatBytes(tiledMemory.get(lastTiled)!)} in all: it never stores the scores.`,
    );
  }
  for (const [series, name] of [
    [ATTENTION_SERIES, 'Materialised attention'],
    [FLASH_SERIES, 'Tiled attention'],
  ] as const) {
    const points = rows.filter((row) => row.series === series).map((row) => ({ x: row.T, y: row.allocatedBytes }));
    const slope = logLogSlope(upperHalf(points));
    if (slope !== undefined) sentences.push(`${name}'s memory grows as T^${slope.toFixed(2)} over the upper half of the sweep.`);
  }
  return sentences;
}

/** The sentences under the plot (and in the summary chapter), derived from the rows and this device's constants. */
export function summarizeQuadraticCost(rows: readonly QuadraticRow[], _params: QuadraticParams, constants?: DeviceConstants): string[] {
  if (rows.length === 0) return [];
  const sentences: string[] = [];
  for (const series of [ATTENTION_SERIES, FLASH_SERIES, RNN_SERIES]) {
    const points = rows.filter((row) => row.series === series).map((row) => ({ x: Number(row.T), y: Number(row.medianMs) }));
    const slope = logLogSlope(upperHalf(points));
    if (slope !== undefined) sentences.push(`${series}: time grows as T^${slope.toFixed(2)} over the upper half of the sweep.`);
  }
  sentences.push(...memorySentences(rows));
  const differences = rows.map((row) => row.maxDifference).filter((value): value is number => typeof value === 'number');
  if (differences.length > 0) sentences.push(`Tiled and materialised outputs differ by at most ${Math.max(...differences).toExponential(2)}.`);

  // Materialised against tiled, where both ran: the same counted FLOPs, different dispatches and memory.
  const materialised = new Map(rows.filter((row) => row.series === ATTENTION_SERIES).map((row) => [row.T, row]));
  const tiled = new Map(rows.filter((row) => row.series === FLASH_SERIES).map((row) => [row.T, row]));
  const shared = [...materialised.keys()].filter((t) => tiled.has(t)).sort((a, b) => a - b);
  const names = { a: 'materialised attention', b: 'tiled attention' };
  const leaders = describeLeaders(
    measuredLeaders(
      shared,
      (t) => materialised.get(t)!.medianMs,
      (t) => tiled.get(t)!.medianMs,
    ),
    names,
    'T',
  );
  if (leaders) sentences.push(leaders);
  const constantsLine = constantsSentence(constants);
  if (constantsLine) sentences.push(constantsLine);
  const model = fitRuns(rows);
  sentences.push(fitSentence(model, constants));
  const largest = shared.at(-1);
  if (model && largest !== undefined) {
    sentences.push(explainAt(model, 'T', largest, { ...materialised.get(largest)!, name: names.a }, { ...tiled.get(largest)!, name: names.b }));
  }
  return sentences;
}
