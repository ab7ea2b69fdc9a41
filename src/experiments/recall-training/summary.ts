/**
 * The recall-training experiment's sentences, read from its rows: accuracy
 * against N for both models with Wilson intervals, and whether the LSTM's
 * failure at the largest N is one more steps would fix (its held-out accuracy
 * and loss there over the last part of training).
 */
import { formatCount, formatPercent } from '../../utils/format';
import { ATTENTION_MODEL_SERIES, LSTM_MODEL_SERIES } from '../shared/series';
import { intervalsSeparate } from '../shared/wilson';
import { accuracyText, capitalise, latestStep, clearlyFails, modelName, parameterSentence, percent, present, rowInterval, solves } from '../shared/training';
import type { ExperimentSummary, Verdict } from '../shared/definition';
import type { TrainingParams, TrainingRow } from './definition';

/** The last part of training the plateau is read over: from the evaluation at this fraction of the run to the end. */
export const PLATEAU_FROM = 0.6;
/** Over that part, a held-out loss that fell by less than this fraction counts as stopped (with the accuracy flat within its intervals). */
export const PLATEAU_LOSS_FALL = 0.1;

const finalRows = (rows: readonly TrainingRow[], series: string) =>
  rows.filter((row) => row.measure === 'length' && row.series === series).sort((a, b) => a.pairs! - b.pairs!);

/** The state the LSTM carries against the attention model's cache at the largest N. */
export function stateSentence(lstm: TrainingRow, attention: TrainingRow, pairs: number): string {
  return (
    `At N = ${formatCount(pairs)} pairs the LSTM carries ${formatCount(lstm.carriedNumbers!)} numbers from token to token (its h and c, whatever N is); ` +
    `the attention model's cache holds ${formatCount(attention.carriedNumbers!)} (a key and a value of width ${formatCount(attention.width!)} for each of the ${formatCount(2 * pairs)} pair tokens).`
  );
}

/** Accuracy against N for one model: where it solved the task and where it fell below 90%. */
export function accuracySentence(rows: readonly TrainingRow[], series: string): string | undefined {
  const points = finalRows(rows, series);
  if (points.length === 0) return undefined;
  const name = modelName(series);
  const solved = points.filter(solves);
  const failed = points.filter((row) => !solves(row));
  const at = (row: TrainingRow) => `N = ${formatCount(row.pairs!)}: ${accuracyText(row)}`;
  if (failed.length === 0) return capitalise(`${name} solved every N read (at least 90% held out), up to ${at(points.at(-1)!)}.`);
  if (solved.length === 0) return capitalise(`${name} solved no N read; its best was ${at(points.reduce((a, b) => (b.accuracy! > a.accuracy! ? b : a)))}.`);
  const failures = failed.map(at);
  const listed = failures.length > 1 ? `${failures.slice(0, -1).join('; ')}; and ${failures.at(-1)}` : failures[0]!;
  return capitalise(`${name} solved N up to ${at(solved.at(-1)!)}, and fell below 90% at ${listed}.`);
}

export type LearningState = 'plateau' | 'still-learning';

export interface PlateauReading {
  state: LearningState;
  from: TrainingRow;
  to: TrainingRow;
}

/**
 * The LSTM's held-out rows at the largest trained N, from the evaluation at PLATEAU_FROM of the run to the last:
 * a plateau when its accuracy intervals overlap and its held-out loss fell by less than PLATEAU_LOSS_FALL; still learning otherwise.
 */
export function readPlateau(rows: readonly TrainingRow[], series: string, pairs: number): PlateauReading | undefined {
  const points = rows.filter((row) => row.measure === 'held-out' && row.series === series && row.pairs === pairs).sort((a, b) => a.step! - b.step!);
  const to = points.at(-1);
  if (!to || points.length < 3) return undefined;
  const from = points.find((row) => row.step! >= PLATEAU_FROM * to.step!) ?? points[0]!;
  if (from === to) return undefined;
  const accuracyMoved = intervalsSeparate(rowInterval(from), rowInterval(to));
  const lossFell = to.heldOutLoss! < from.heldOutLoss! * (1 - PLATEAU_LOSS_FALL);
  return { state: accuracyMoved || lossFell ? 'still-learning' : 'plateau', from, to };
}

export function plateauSentence(reading: PlateauReading, series: string, pairs: number): string {
  const { from, to } = reading;
  const span = `From step ${formatCount(from.step!)} to step ${formatCount(to.step!)}, ${modelName(series)}'s held-out accuracy at N = ${formatCount(pairs)} went from ${formatPercent(from.accuracy!, 3)} to ${formatPercent(to.accuracy!, 3)} and its held-out loss from ${from.heldOutLoss!.toFixed(3)} to ${to.heldOutLoss!.toFixed(3)}`;
  return reading.state === 'plateau'
    ? capitalise(
        `${span}: the last ${formatPercent(1 - from.step! / to.step!, 2)} of training changed nothing the intervals can see, and the loss fell by less than ${formatPercent(PLATEAU_LOSS_FALL, 2)}. More steps were not what it lacked; at this N its fixed state is the limit.`,
      )
    : capitalise(`${span}: it was still learning, so this run cannot tell a state too small from too few steps. Continue training to see where it settles.`);
}

/** How many of the example's queries each model answered right. */
export function exampleSentence(rows: readonly TrainingRow[]): string | undefined {
  const step = latestStep(rows, 'example');
  const examples = rows.filter((row) => row.measure === 'example' && row.step === step);
  if (examples.length === 0) return undefined;
  const right = (answer: (row: TrainingRow) => string | undefined) => examples.filter((row) => answer(row) === row.rightValue).length;
  return `On the example sequence, the LSTM answered ${formatCount(right((row) => row.lstmAnswer))} of ${formatCount(examples.length)} queries right and the attention model ${formatCount(right((row) => row.attentionAnswer))}.`;
}

/** What a run shows, and why: the verdict and the phrase that explains it. */
export type RecallOutcome = 'capacity' | 'lstm-still-learning' | 'lstm-not-clearly-failing' | 'lstm-solves-largest' | 'lstm-solves-nothing' | 'attention-fails';

/** How the run bears on the chapter's claim (the LSTM solves a small N and fails a larger one for want of state; attention solves the largest). */
export function recallOutcome(rows: readonly TrainingRow[], params: TrainingParams): RecallOutcome | undefined {
  const lstm = finalRows(rows, LSTM_MODEL_SERIES);
  const attention = finalRows(rows, ATTENTION_MODEL_SERIES).find((row) => row.pairs === params.pairs);
  const lstmLargest = lstm.find((row) => row.pairs === params.pairs);
  if (!attention || !lstmLargest) return undefined;
  if (!solves(attention)) return 'attention-fails';
  if (solves(lstmLargest)) return 'lstm-solves-largest';
  if (!lstm.some((row) => row.pairs! < params.pairs && solves(row))) return 'lstm-solves-nothing';
  if (!clearlyFails(lstmLargest)) return 'lstm-not-clearly-failing';
  return readPlateau(rows, LSTM_MODEL_SERIES, params.pairs)?.state === 'plateau' ? 'capacity' : 'lstm-still-learning';
}

const VERDICTS: Record<RecallOutcome, Verdict> = {
  capacity: 'shows',
  'lstm-solves-largest': 'contradicts',
  'lstm-still-learning': 'noisy',
  'lstm-not-clearly-failing': 'noisy',
  'lstm-solves-nothing': 'noisy',
  'attention-fails': 'noisy',
};

/** The verdict in words: does the run show the chapter's claim, and if not, why not? */
export function verdictSentence(rows: readonly TrainingRow[], params: TrainingParams): string | undefined {
  const outcome = recallOutcome(rows, params);
  if (!outcome) return undefined;
  const n = formatCount(params.pairs);
  switch (outcome) {
    case 'attention-fails':
      return `This run cannot show the chapter’s claim: the attention model did not solve N = ${n} either; try more steps (Continue) or another seed.`;
    case 'lstm-solves-largest':
      return `On this run the LSTM solved N = ${n} as well as attention did; the bottleneck needs a larger N or a smaller LSTM to show.`;
    case 'lstm-solves-nothing':
      return `This run cannot show the chapter’s claim: the LSTM solved no smaller N either, so its failure at N = ${n} may be training, not memory.`;
    case 'lstm-not-clearly-failing':
      return `The LSTM fell below 90% at N = ${n}, but its interval still reaches 90%, so this run cannot say it failed there; try another seed.`;
    case 'capacity':
      return `This run shows the chapter’s claim: the LSTM solved a small N but not N = ${n}, and had stopped improving there, while attention solved N = ${n}.`;
    case 'lstm-still-learning':
      return `The LSTM solved a small N but not N = ${n}, while attention solved it; the LSTM was still learning, so this run cannot yet say its state is the limit.`;
  }
}

/** The numbers that decide the verdict, in one sentence: both models at the largest N, the LSTM at its largest solved N, and its loss over the last part of training. */
export function headlineSentence(rows: readonly TrainingRow[], params: TrainingParams): string | undefined {
  const lstm = finalRows(rows, LSTM_MODEL_SERIES);
  const attention = finalRows(rows, ATTENTION_MODEL_SERIES).find((row) => row.pairs === params.pairs);
  const lstmLargest = lstm.find((row) => row.pairs === params.pairs);
  if (!attention || !lstmLargest) return undefined;
  const n = formatCount(params.pairs);
  const smallSolved = lstm.filter((row) => row.pairs! < params.pairs && solves(row)).at(-1);
  const small = smallSolved ? `, after solving N = ${formatCount(smallSolved.pairs!)} (${percent(smallSolved.accuracy!)})` : '';
  const reading = readPlateau(rows, LSTM_MODEL_SERIES, params.pairs);
  const loss = reading
    ? `; over the last ${formatPercent(1 - reading.from.step! / reading.to.step!, 2)} of training its held-out loss there went from ${reading.from.heldOutLoss!.toFixed(3)} to ${reading.to.heldOutLoss!.toFixed(3)}`
    : '';
  return `With ${formatCount(params.pairs)} key–value pairs to hold, the attention model answered ${accuracyText(attention)} of the held-out queries at N = ${n} and the LSTM ${accuracyText(lstmLargest)}${small}${loss}.`;
}

/** Every sentence the run's rows support, as the page shows them: the headline and verdict, three sentences, and the rest in the disclosure. */
export function summarizeRecall(rows: readonly TrainingRow[], params: TrainingParams): ExperimentSummary {
  const models = rows.filter((row) => row.measure === 'model');
  const lstm = models.find((row) => row.series === LSTM_MODEL_SERIES);
  const attention = models.find((row) => row.series === ATTENTION_MODEL_SERIES);
  const outcome = recallOutcome(rows, params);
  const reading = readPlateau(rows, LSTM_MODEL_SERIES, params.pairs);
  const sentences = [
    verdictSentence(rows, params),
    reading && plateauSentence(reading, LSTM_MODEL_SERIES, params.pairs),
    lstm && attention && stateSentence(lstm, attention, params.pairs),
  ];
  const details = [
    ...[LSTM_MODEL_SERIES, ATTENTION_MODEL_SERIES].map((series) => accuracySentence(rows, series)),
    lstm && attention ? parameterSentence(lstm, attention) : undefined,
    exampleSentence(rows),
  ];
  return {
    headline: headlineSentence(rows, params) ?? 'No accuracies yet: the run has not finished training.',
    verdict: outcome ? VERDICTS[outcome] : 'noisy',
    sentences: present(sentences),
    details: present(details),
  };
}
