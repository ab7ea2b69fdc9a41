/**
 * The explorable's model of the chain against the waves, kept apart from its
 * drawing so the sentences it shows are unit-tested for every outcome. A toy
 * machine computes FIGURE_TOY_LANES independent values per tick; an RNN step is
 * one tick, because the next cannot start before it ends.
 */
import { FIGURE_TOY_LANES as lanes, attentionScoreCount, scoreWaves } from '../../lesson/waves';
import { formatCount } from '../../utils/format';

/** What the two methods have finished after `tick` ticks at length T. */
export function waveProgress(T: number, tick: number) {
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
      ? `At T = ${T} the scores take ${p.waves} waves, more than the chain's ${T} ticks: the machine's ${lanes} lanes are too few for T² scores.`
      : T > p.waves
        ? `At T = ${T} the chain takes ${T} ticks and the scores ${p.waves} ${p.waves === 1 ? 'wave' : 'waves'}.`
        : `At T = ${T} both take ${T} ticks.`;
  return `Tick ${tick} of ${p.ticks}: ${rnn}, ${attention}. ${outcome}`;
}
