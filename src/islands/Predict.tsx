/**
 * "Predict, then run": the reader types a prediction before running the
 * experiment on the page, and after the run this compares it with the value
 * the run measured. It never touches the experiment frame: it reads the
 * result the frame saves for the visit (loadResult), when the frame announces
 * one at the end of a run (onResult) or when the reader asks, and computes the
 * measurement from that run's rows and parameters (src/utils/prediction.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { loadResult } from '../experiments/visit-results';
import { PREDICTION_MEASURES, comparePrediction, formatMeasured, parsePrediction, type PredictionMeasureName } from '../utils/prediction';
import { onResult } from '../utils/result-events';

interface Props {
  measure: PredictionMeasureName;
}

interface Stored {
  text: string;
  value: number;
  at: string;
}

const storageKey = (measure: string) => `prediction:${measure}`;

function loadPrediction(measure: string): Stored | undefined {
  try {
    const parsed: unknown = JSON.parse(globalThis.sessionStorage?.getItem(storageKey(measure)) ?? 'null');
    if (!parsed || typeof parsed !== 'object') return undefined;
    const candidate = parsed as Partial<Stored>;
    return typeof candidate.value === 'number' && typeof candidate.text === 'string' && typeof candidate.at === 'string' ? (candidate as Stored) : undefined;
  } catch {
    return undefined;
  }
}

export default function Predict({ measure }: Props) {
  const spec = PREDICTION_MEASURES[measure];
  const id = `predict-${measure}`;
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState<Stored | undefined>(undefined);
  const [outcome, setOutcome] = useState<string[]>([]);
  // Read the field itself on submit: a reader may type before the island has hydrated, when no input event reached the state.
  const field = useRef<HTMLInputElement>(null);

  const compare = (prediction: Stored | undefined = saved) => {
    if (!prediction) return;
    const result = loadResult(spec.experiment);
    if (!result) {
      setOutcome(['No run of this experiment has finished in this visit yet. Run it below; the comparison appears here when it finishes.']);
      return;
    }
    const lines: string[] = [];
    if (result.date && result.date < prediction.at) lines.push('Note: that run finished before you made this prediction.');
    if (result.rows.length === 0) {
      lines.push(
        result.rowsDropped
          ? `Your prediction: ${prediction.text}. That run's rows were too large to keep for this visit, so its measurement cannot be read here. Run it again with smaller settings.`
          : `Your prediction: ${prediction.text}. The saved run has no rows to measure (it may have stopped before any, or been saved by an older version of this page). Run it again.`,
      );
      setOutcome(lines);
      return;
    }
    const measured = spec.measure(result.rows, result.parameters);
    if (!measured.ok) {
      lines.push(`Your prediction: ${prediction.text}${spec.unit}. ${measured.reason}`);
      setOutcome(lines);
      return;
    }
    const comparison = comparePrediction(prediction.value, measured.value, spec);
    lines.push(
      `You predicted ${prediction.text}${spec.unit}; the run measured ${formatMeasured(measured.value)}${spec.unit}. ${comparison.sentence}`,
      `From the run's rows: ${measured.sentence}`,
    );
    setOutcome(lines);
  };

  useEffect(() => {
    const prediction = loadPrediction(measure);
    if (prediction) {
      setSaved(prediction);
      setText(prediction.text);
    }
  }, [measure]);

  useEffect(() => onResult(spec.experiment, () => compare(loadPrediction(measure))), [measure, saved]);

  const submit = (event: Event) => {
    event.preventDefault();
    const typed = field.current?.value ?? text;
    const parsed = parsePrediction(typed);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    const prediction = { text: typed.trim(), value: parsed.value, at: new Date().toISOString() };
    try {
      globalThis.sessionStorage?.setItem(storageKey(measure), JSON.stringify(prediction));
    } catch {
      // Storage refused: the prediction still holds for this page view.
    }
    setError(undefined);
    setSaved(prediction);
    setOutcome([`Prediction saved: ${prediction.text}${spec.unit}. Now run the experiment; the comparison appears here when it finishes.`]);
  };

  return (
    <form class="predict-form" onSubmit={submit}>
      <label for={`${id}-input`}>Your prediction: {spec.quantity}</label>
      <div class="predict-row">
        <input
          id={`${id}-input`}
          ref={field}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={text}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onInput={(event) => setText((event.target as HTMLInputElement).value)}
        />
        <button type="submit">Save prediction</button>
        <button type="button" disabled={!saved} onClick={() => compare()}>
          Compare with my latest run
        </button>
      </div>
      {error && (
        <p class="predict-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <div class="predict-outcome" aria-live="polite">
        {outcome.map((line) => (
          <p>{line}</p>
        ))}
      </div>
    </form>
  );
}
