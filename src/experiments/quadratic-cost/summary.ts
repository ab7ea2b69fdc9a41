/** The quadratic-cost experiment's summary: the sentences derived from its rows, shown under the plot and kept for the summary chapter. */
import { logLogSlope, upperHalf } from '../shared/results';
import { constantsSentence } from '../shared/explain-timing';
import { formatBytes, formatInteger, formatMs } from '../../utils/format';
import { seriesValues, type ExperimentSummary, type Verdict } from '../shared/definition';
import { bySize, intervalDetails, leadSentence, pairFindings } from '../shared/pair-findings';
import { formatInterval } from '../shared/ratio-interval';
import { rooflineOf, whyAt } from '../shared/roofline';
import { scoreMatrixBytes } from '../../../kernels/attention/cost';
import { CPU_MAX_T, memoryWall, WALL_PRESET_LABEL, wallRunLength } from './wall';

/** A log–log slope at or above this, over the upper half of the sweep, reads as quadratic growth (T² gives 2; T gives 1). */
export const QUADRATIC_SLOPE = 1.7;
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
      `At the largest T it ran, ${formatInteger(lastMaterialised)}, materialised attention's T×T scores alone took ${formatBytes(scores.get(lastMaterialised)!)}.`,
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

/**
 * The RNN's memory taken apart at its largest T: the state it carries from step to step (d numbers,
 * whatever T is), apart from its T inputs and the T + 1 states it keeps as outputs, and its weights.
 */
function rnnMemorySentence(rows: readonly QuadraticRow[]): string | undefined {
  const rnn = rows.filter((row) => row.series === RNN_SERIES && row.stateBytes !== undefined);
  const last = rnn.at(-1);
  if (!last || last.stateBytes === undefined) return undefined;
  const width = last.stateBytes / 4;
  const t = last.T;
  const [inputs, outputs, weights] = [4 * t * width, 4 * (t + 1) * width, 4 * (2 * width * width + width)];
  const first = rnn[0]!;
  const sameState = rnn.every((row) => row.stateBytes === last.stateBytes);
  return (
    `The RNN carries a state of d = ${formatInteger(width)} numbers (${formatBytes(last.stateBytes)}) from step to step${sameState && first.T < t ? `, the same at T = ${formatInteger(first.T)} and at T = ${formatInteger(t)}` : ''}. ` +
    `Its memory line counts more: at T = ${formatInteger(t)}, ${formatBytes(inputs)} of inputs and ${formatBytes(outputs)} of outputs (all T + 1 states, kept to be read), beside ${formatBytes(weights)} of weights and bias; the inputs and outputs are what grow with T.`
  );
}

/** How far the run came from the memory wall, or that it reached it. */
function wallSentence(rows: readonly QuadraticRow[], constants: DeviceConstants | undefined): string | undefined {
  const scores = seriesValues(rows, ATTENTION_SERIES, 'T', 'scoreMatrixBytes');
  const wall = memoryWall(constants);
  if (scores.size === 0 || wall === undefined) return undefined;
  const lastMaterialised = Math.max(...scores.keys());
  const lastT = Math.max(...rows.map((row) => row.T));
  if (lastT > lastMaterialised) {
    return `Materialised attention reached this device's memory wall: its T×T scores stop fitting in ${constants?.kind === 'cpu' ? 'one array' : 'one buffer'} after T = ${formatInteger(wall)}, so it stopped at T = ${formatInteger(lastMaterialised)} while tiled attention went on to T = ${formatInteger(lastT)}.`;
  }
  const next = wallRunLength(constants);
  const offer =
    next === undefined
      ? constants?.kind === 'cpu'
        ? ` The CPU path stops at T = ${formatInteger(CPU_MAX_T)}, below it; WebGPU can go further.`
        : ''
      : ` A run to T = ${formatInteger(next)} would meet it: the preset "${WALL_PRESET_LABEL(next)}" above sets that length and names its estimate before it runs.`;
  const where = constants?.kind === 'cpu' ? 'one array on the CPU path' : 'one buffer on this device';
  return (
    `This run did not reach the memory wall: at T = ${formatInteger(lastMaterialised)}, the largest T it ran, the scores took ${formatBytes(scores.get(lastMaterialised)!)}, ` +
    `and they fit in ${where} up to T = ${formatInteger(wall)} (${formatBytes(scoreMatrixBytes(wall))}), ${(wall / lastMaterialised).toPrecision(3)}× further.${offer}`
  );
}

/**
 * The result first: both measured times at the largest T where both ran, with the ratio's 95%
 * interval, and whether the rows show the chapter's claim (materialised attention's memory
 * grows as T², so it is the one that meets a wall), contradict it, or cannot tell.
 */
export function summarizeQuadraticCost(rows: readonly QuadraticRow[], _params: QuadraticParams, constants?: DeviceConstants): ExperimentSummary {
  const names = { a: 'materialised attention', b: 'tiled attention' };
  const materialised = bySize(rows, ATTENTION_SERIES, 'T');
  const tiled = bySize(rows, FLASH_SERIES, 'T');
  const findings = pairFindings(materialised, tiled, names, 'T');
  const largest = findings.largest;
  if (!largest) return { headline: '', verdict: 'noisy', sentences: [], details: [] };
  const t = largest.x;
  const interval = largest.interval ? ` (materialised ÷ tiled ${formatInterval(largest.interval)})` : '';
  const scorePoints = rows.filter((row) => row.series === ATTENTION_SERIES).map((row) => ({ x: row.T, y: row.scoreMatrixBytes }));
  const memorySlope = logLogSlope(upperHalf(scorePoints));
  const timePoints = rows.filter((row) => row.series === ATTENTION_SERIES).map((row) => ({ x: row.T, y: row.medianMs }));
  const timeSlope = logLogSlope(upperHalf(timePoints));
  const growth = timeSlope === undefined ? '' : `; materialised time grew as T^${timeSlope.toFixed(2)} over the upper half of the sweep`;
  const headline = `At T = ${formatInteger(t)} materialised attention took ${formatMs(materialised.get(t)!.medianMs)} and tiled attention ${formatMs(tiled.get(t)!.medianMs)}${interval}${growth}.`;
  // The claim: the cost grows as T², in time and in the scores' memory. Noise where the time's trend has held-back points.
  const heldTimes = findings.heldBack.length > 0;
  const verdict: Verdict =
    timeSlope === undefined || memorySlope === undefined || heldTimes
      ? 'noisy'
      : timeSlope >= QUADRATIC_SLOPE && memorySlope >= QUADRATIC_SLOPE
        ? 'shows'
        : 'contradicts';
  const why = whyAt(rooflineOf(constants), 'T', t, { ...materialised.get(t)!, name: names.a }, { ...tiled.get(t)!, name: names.b });
  const sentences = [leadSentence(findings, names, 'T'), wallSentence(rows, constants), why.explained ? why.sentence : undefined].filter(
    (sentence): sentence is string => !!sentence,
  );
  const details: string[] = [...intervalDetails(findings, names, 'T')];
  for (const series of [ATTENTION_SERIES, FLASH_SERIES, RNN_SERIES]) {
    const points = rows.filter((row) => row.series === series).map((row) => ({ x: Number(row.T), y: Number(row.medianMs) }));
    const slope = logLogSlope(upperHalf(points));
    if (slope !== undefined) details.push(`${series}: time grows as T^${slope.toFixed(2)} over the upper half of the sweep.`);
  }
  details.push(...memorySentences(rows));
  const rnnMemory = rnnMemorySentence(rows);
  if (rnnMemory) details.push(rnnMemory);
  const differences = rows.map((row) => row.maxDifference).filter((value): value is number => typeof value === 'number');
  if (differences.length > 0) details.push(`Tiled and materialised outputs differ by at most ${Math.max(...differences).toExponential(2)}.`);
  const constantsLine = constantsSentence(constants);
  if (constantsLine) details.push(constantsLine);
  if (!why.explained) details.push(why.sentence);
  return { headline, verdict, sentences, details };
}
