/** The fixed-size state's predicted capacity; pure arithmetic, light enough for the page. */
/**
 * A signal-to-noise estimate of the fixed state's capacity. Recalling pair j
 * gives signal about 1; each wrong candidate's score is noise of variance about
 * 2/n + T/n² (its own key and value overlap, plus the crosstalk of all T pairs).
 * The right answer wins while the signal exceeds the largest of T noise draws,
 * about √(2 ln T)·σ. This returns the largest T for which it does.
 */
export function predictedCapacity(stateSize: number): number {
  const n = Math.floor(Math.sqrt(stateSize));
  let t = 2;
  while (t < 1e7 && Math.sqrt(2 * Math.log(t + 1) * (2 / n + (t + 1) / (n * n))) <= 1) t++;
  return t;
}
