/**
 * A window event that says an experiment has just saved a result for this
 * visit, so a component on the page (the Predict island) can read it at once
 * instead of polling sessionStorage, which fires no event in its own tab.
 *
 * The experiment frame calls `announceResult(name)` right after
 * `saveResult(name, …)` (src/experiments/visit-results.ts) when a run ends
 * (src/islands/experiment/useExperimentRun.ts).
 */
export const RESULT_EVENT = 'experiment-result';

export function announceResult(experiment: string, target: Pick<EventTarget, 'dispatchEvent'> | undefined = globalThis.window): void {
  target?.dispatchEvent(new CustomEvent(RESULT_EVENT, { detail: { experiment } }));
}

/** Calls `listener` whenever `experiment` announces a result; returns the function that stops listening. */
export function onResult(
  experiment: string,
  listener: () => void,
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | undefined = globalThis.window,
): () => void {
  if (!target) return () => {};
  const handler = (event: Event) => {
    if ((event as CustomEvent<{ experiment?: unknown }>).detail?.experiment === experiment) listener();
  };
  target.addEventListener(RESULT_EVENT, handler);
  return () => target.removeEventListener(RESULT_EVENT, handler);
}
