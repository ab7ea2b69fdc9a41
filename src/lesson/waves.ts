/**
 * The arithmetic of attention's waves: how many scores a sequence has, and how many
 * rounds a machine of a given width needs for them. Kept apart from figures.ts, which
 * computes every figure of the lesson when loaded, so an island can import it cheaply.
 */

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
