/**
 * The state-tracking experiment's sentences, read from its rows: which model
 * generalised to four times the trained length, which fell to chance, and
 * whether either was still learning when the run ended.
 */
import { formatCount, formatPercent } from '../../utils/format';
import { ATTENTION_MODEL_SERIES, LSTM_MODEL_SERIES } from '../shared/series';
import { intervalsSeparate } from '../shared/wilson';
import { accuracyText, capitalise, modelName, parameterSentence, present, rowInterval, solves } from '../shared/training';
import type { ExperimentSummary, Verdict } from '../shared/definition';
import type { StateParams, StateRow } from './definition';

export type StateOutcome = 'generalises' | 'fits-only-trained-lengths' | 'fails-at-trained-length';

/** The final accuracy rows (measure 'length') of one model, by length. */
function finalRows(rows: readonly StateRow[], series: string): StateRow[] {
  return rows.filter((row) => row.measure === 'length' && row.series === series).sort((a, b) => a.length! - b.length!);
}

/** Whether chance (1/m) lies inside a row's interval. */
export const atChance = (row: StateRow, modulus: number) => row.accuracyLow! <= 1 / modulus && 1 / modulus <= row.accuracyHigh!;

/** What a model did: solved the longest length, solved only up to the trained one, or not even that. */
export function stateOutcome(rows: readonly StateRow[], series: string, trainedLength: number): StateOutcome | undefined {
  const final = finalRows(rows, series);
  const trained = final.find((row) => row.length === trainedLength);
  const longest = final.at(-1);
  if (!trained || !longest) return undefined;
  if (solves(longest)) return 'generalises';
  return solves(trained) ? 'fits-only-trained-lengths' : 'fails-at-trained-length';
}

/** One model's result at the trained length and the longest, in words. */
export function modelSentence(rows: readonly StateRow[], series: string, params: StateParams): string | undefined {
  const outcome = stateOutcome(rows, series, params.length);
  if (!outcome) return undefined;
  const final = finalRows(rows, series);
  const trained = final.find((row) => row.length === params.length)!;
  const longest = final.at(-1)!;
  const name = modelName(series);
  const chance = `chance is ${formatPercent(1 / params.modulus, 3)}`;
  const at = (row: StateRow) => `${accuracyText(row)} right after ${formatCount(row.length!)} digits`;
  if (outcome === 'generalises') {
    return capitalise(
      `${name} generalised: ${at(longest)}, ${formatCount(longest.length! / params.length)} times the ${formatCount(params.length)} digits it was trained on.`,
    );
  }
  const where = atChance(longest, params.modulus) ? `at chance (${chance}, inside the interval)` : `below the 90% this page counts as solving it (${chance})`;
  if (outcome === 'fits-only-trained-lengths') {
    const firstFailing = final.find((row) => row.length! > params.length && !solves(row));
    return capitalise(
      `${name} learnt the trained length (${at(trained)}) but not beyond it: ${firstFailing ? `already ${at(firstFailing)}, and ` : ''}${at(longest)}, ${where}.`,
    );
  }
  return capitalise(`${name} did not learn the sum even at the trained length (${at(trained)}); ${at(longest)}, ${where}.`);
}

/** Whether a model's accuracy at the longest length moved between the last two evaluations by more than the intervals allow. */
export function stillLearningSentence(rows: readonly StateRow[], series: string, params: StateParams): string | undefined {
  const longest = 4 * params.length;
  const points = rows.filter((row) => row.measure === 'held-out' && row.series === series && row.length === longest).sort((a, b) => a.step! - b.step!);
  const [previous, last] = [points.at(-2), points.at(-1)];
  if (!previous || !last || !intervalsSeparate(rowInterval(previous), rowInterval(last))) return undefined;
  return capitalise(
    `${modelName(series)} was still learning at the end: at ${formatCount(longest)} digits it went from ${formatPercent(previous.accuracy!, 3)} at step ${formatCount(previous.step!)} to ${formatPercent(last.accuracy!, 3)} at step ${formatCount(last.step!)}, a change the intervals can see; more steps may change this result.`,
  );
}

/** The verdict: does the run show the chapter's claim (the LSTM generalises, attention does not)? */
export function verdictSentence(rows: readonly StateRow[], params: StateParams): string | undefined {
  const lstm = stateOutcome(rows, LSTM_MODEL_SERIES, params.length);
  const attention = stateOutcome(rows, ATTENTION_MODEL_SERIES, params.length);
  if (!lstm || !attention) return undefined;
  const longest = formatCount(4 * params.length);
  if (lstm === 'generalises' && attention !== 'generalises') {
    return `This run shows the chapter’s claim: the LSTM, whose state is updated token by token, kept the running sum right out to ${longest} digits; the attention model did not.`;
  }
  if (attention === 'generalises') {
    return `On this device attention generalised to ${longest} digits too, with sinusoidal positions; this run does not show the gap the chapter describes.`;
  }
  return `This run cannot show the chapter’s claim: the LSTM did not keep the sum right out to ${longest} digits either; try more steps (Continue) or another seed.`;
}

/** Why, in the chapter's terms, with the sources; said only when the run shows the claim. */
export const WHY_SENTENCE =
  'Why: the LSTM updates its state with a nonlinear function of the state and the digit, so it can keep the sum mod m in a few numbers and apply the same update at any length; ' +
  'one layer of attention reads a weighted average of the digits and their positions, and a transformer of fixed depth is not known to track such state beyond the lengths it saw ' +
  '(Delétang et al., “Neural Networks and the Chomsky Hierarchy”, ICLR 2023; Merrill, Petty and Sabharwal, “The Illusion of State in State-Space Models”, ICML 2024; ' +
  'linear recurrences need negative eigenvalues to do it, Grazzi et al., ICLR 2025).';

/** The verdict: the claim is shown when the LSTM generalises and attention does not; contradicted when attention generalises; otherwise the run cannot tell. */
export function stateVerdict(rows: readonly StateRow[], params: StateParams): Verdict {
  const lstm = stateOutcome(rows, LSTM_MODEL_SERIES, params.length);
  const attention = stateOutcome(rows, ATTENTION_MODEL_SERIES, params.length);
  if (attention === 'generalises') return 'contradicts';
  return lstm === 'generalises' && attention !== undefined ? 'shows' : 'noisy';
}

/** Both models at the longest length, with intervals and chance: the numbers that decide the verdict. */
export function headlineSentence(rows: readonly StateRow[], params: StateParams): string | undefined {
  const lstm = finalRows(rows, LSTM_MODEL_SERIES).at(-1);
  const attention = finalRows(rows, ATTENTION_MODEL_SERIES).at(-1);
  if (!lstm || !attention) return undefined;
  return (
    `Trained on sequences of up to ${formatCount(params.length)} digits, the LSTM kept the running sum mod ${formatCount(params.modulus)} right after ${formatCount(lstm.length!)} digits on ${accuracyText(lstm)} ` +
    `of held-out sequences and the attention model on ${accuracyText(attention)}; chance is ${formatPercent(1 / params.modulus, 3)}.`
  );
}

/** Every sentence the run's rows support, as the page shows them: the headline and verdict, three sentences, and the rest in the disclosure. */
export function summarizeStateTracking(rows: readonly StateRow[], params: StateParams): ExperimentSummary {
  const models = rows.filter((row) => row.measure === 'model');
  const lstm = models.find((row) => row.series === LSTM_MODEL_SERIES);
  const attention = models.find((row) => row.series === ATTENTION_MODEL_SERIES);
  const verdict = stateVerdict(rows, params);
  const stillLearning = present([LSTM_MODEL_SERIES, ATTENTION_MODEL_SERIES].map((series) => stillLearningSentence(rows, series, params)));
  const said = present([verdictSentence(rows, params), ...stillLearning, verdict === 'shows' ? WHY_SENTENCE : undefined]);
  // At most three under the headline; a fourth (both models still learning, and why) goes to the disclosure.
  const sentences = said.slice(0, 3);
  const details = present([
    ...said.slice(3),
    ...[LSTM_MODEL_SERIES, ATTENTION_MODEL_SERIES].map((series) => modelSentence(rows, series, params)),
    lstm && attention ? parameterSentence(lstm, attention) : undefined,
  ]);
  return {
    headline: headlineSentence(rows, params) ?? 'No accuracies yet: the run has not finished training.',
    verdict,
    sentences,
    details,
  };
}
