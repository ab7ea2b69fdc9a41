/**
 * The arithmetic of attention's waves: how many scores a sequence has, how many rounds
 * a machine of a given width needs for them, and the explorable's model of the chain
 * against the waves, kept apart from its drawing so the sentences it shows are
 * unit-tested for every outcome. A toy machine computes FIGURE_TOY_LANES independent
 * values per tick; an RNN step is one tick, because the next cannot start before it
 * ends. Kept apart from figures.ts, which computes every figure of the lesson when
 * loaded, so an island can import it cheaply.
 */
import { formatCount } from '../utils/format';

/** Entries in one head's T×T attention score matrix. */
export function attentionScoreCount(sequenceLength: number): number {
  return sequenceLength * sequenceLength;
}

/** Waves a machine of `lanes` parallel units needs to compute T² independent scores. */
export function scoreWaves(sequenceLength: number, lanes: number): number {
  return Math.ceil(attentionScoreCount(sequenceLength) / lanes);
}

/** The explorable's toy machine: how many independent scores it computes per tick, and the range of T a reader picks. */
export const FIGURE_TOY_LANES = 16;
export const FIGURE_TOY_LENGTHS = { min: 2, max: 24, initial: 8 } as const;

/** What the two methods have finished after `tick` ticks at length T. */
export function waveProgress(T: number, tick: number) {
  const lanes = FIGURE_TOY_LANES;
  const scores = attentionScoreCount(T);
  const waves = scoreWaves(T, lanes);
  return {
    states: Math.min(tick, T),
    scoresDone: Math.min(tick * lanes, scores),
    wavesDone: Math.min(tick, waves),
    scores,
    waves,
    ticks: Math.max(T, waves),
  };
}

/** The sentence that says where both methods stand, for every tick and every T. */
export function waveSummary(T: number, tick: number): string {
  const p = waveProgress(T, tick);
  const rnn = p.states === T ? `the RNN has finished all ${T} steps` : `the RNN has computed ${p.states} of ${T} states`;
  const attention =
    p.scoresDone === p.scores
      ? `attention has finished all ${formatCount(p.scores)} scores`
      : `attention has ${formatCount(p.scoresDone)} of ${formatCount(p.scores)} scores`;
  const outcome =
    T < p.waves
      ? `At T = ${T} the scores take ${p.waves} waves, more than the chain's ${T} ticks: the machine's ${FIGURE_TOY_LANES} lanes are too few for T² scores.`
      : T > p.waves
        ? `At T = ${T} the chain takes ${T} ticks and the scores ${p.waves} ${p.waves === 1 ? 'wave' : 'waves'}.`
        : `At T = ${T} both take ${T} ticks.`;
  return `Tick ${tick} of ${p.ticks}: ${rnn}, ${attention}. ${outcome}`;
}
