/** What the bottleneck's definition, sweep and summary share: the state sizes, the 50% rule and how accuracy reads. */

/** Accuracy a method must hold: half the questions right. */
export const HOLD_ACCURACY = 0.5;
export const HELD_EVERYWHERE = 'held at every T tried';

/** The state sizes every run sweeps: squares n² for n = 4, 8, …, 64. */
export const SWEPT_STATE_SIZES = [16, 64, 256, 1024, 4096];

/** T from `from` to `to` in steps of a quarter octave (×2^¼), rounded, so the 50% crossing is found to within about 19%. */
export function quarterOctaves(from: number, to: number): number[] {
  const values = new Set<number>();
  for (let j = 0; from * 2 ** (j / 4) <= to * (1 + 1e-9); j++) values.add(Math.round(from * 2 ** (j / 4)));
  return [...values];
}

/** The numbers a state of `stateSize` keeps: the largest square n² ≤ m, since the memory is n × n. */
export function squareState(stateSize: number): number {
  return Math.floor(Math.sqrt(stateSize)) ** 2;
}

/**
 * The longest T before accuracy first fell below 50%, from accuracy by T; `held`
 * when it never did (then `longest` is only a lower bound), undefined `longest`
 * when it failed at the shortest T.
 */
export function longestHolding(accuracyByT: ReadonlyMap<number, number>): { longest: number | undefined; held: boolean } {
  const lengths = [...accuracyByT.keys()].sort((a, b) => a - b);
  const firstFailure = lengths.findIndex((t) => accuracyByT.get(t)! < HOLD_ACCURACY);
  if (firstFailure === -1) return { longest: lengths.at(-1), held: true };
  return { longest: firstFailure === 0 ? undefined : lengths[firstFailure - 1], held: false };
}

export const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
