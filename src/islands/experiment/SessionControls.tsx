/**
 * Pause, Continue and Reset for an experiment whose models stay alive between runs
 * (the training experiments): pause ends the run between steps; continue trains
 * the same models for more steps, the plots and tables going on from where they
 * were; reset frees the models, buffers and device.
 */
import { useState } from 'preact/hooks';
import type { RunStatus } from './useExperimentRun';

export function SessionControls({
  status,
  idPrefix,
  defaultSteps,
  pause,
  continueFor,
  reset,
}: {
  status: RunStatus;
  idPrefix: string;
  /** The steps a continuation adds unless the reader asks for another number. */
  defaultSteps: number;
  pause(): void;
  continueFor(steps: number): void;
  reset(): void;
}) {
  const [steps, setSteps] = useState(defaultSteps);
  const [pausing, setPausing] = useState(false);
  if (status === 'running') {
    return (
      <div class="experiment-buttons experiment-session">
        <button
          type="button"
          disabled={pausing}
          onClick={() => {
            setPausing(true);
            pause();
          }}
        >
          {pausing ? 'Pausing after this step…' : 'Pause'}
        </button>
      </div>
    );
  }
  if (pausing) setPausing(false);
  if (status !== 'done' && status !== 'paused') return null;
  const valid = Number.isInteger(steps) && steps >= 1 && steps <= 5000;
  return (
    <div class="experiment-buttons experiment-session">
      <p class="experiment-hint">
        {status === 'paused'
          ? 'Paused. The models are kept: continue training them, or reset.'
          : 'The models are kept: train them for more steps without starting over, or reset.'}
      </p>
      <label for={`${idPrefix}-continue-steps`}>More steps</label>
      <input
        id={`${idPrefix}-continue-steps`}
        type="number"
        min={1}
        max={5000}
        step={1}
        value={steps}
        aria-invalid={!valid}
        onInput={(event) => setSteps(Number((event.target as HTMLInputElement).value))}
      />
      <button type="button" disabled={!valid} onClick={() => continueFor(steps)}>
        Continue training
      </button>
      <button type="button" onClick={reset}>
        Reset (free the models)
      </button>
      {!valid && <p class="experiment-notice">Continue takes a whole number of steps from 1 to 5,000.</p>}
    </div>
  );
}
