/**
 * The experiment frame every experiment shares: labelled controls with their
 * ranges, parameters mirrored in the URL, Run and Cancel, progress, the backend
 * line, and the results as a plot, a table and copyable data. The run itself is
 * `useExperimentRun`; the controls and results are their own components.
 */
import { useState } from 'preact/hooks';
import { experiments, isExperimentName, type AnyExperimentDefinition } from '../experiments/registry';
import { useExperimentRun } from './experiment/useExperimentRun';
import { ParamControl } from './experiment/ParamControl';
import { ResultsPanel } from './experiment/ResultsPanel';
import { EmbedCode } from './experiment/EmbedCode';
import { SessionControls } from './experiment/SessionControls';
import { describeEstimate } from '../experiments/shared/estimate';
import { copyText } from '../utils/clipboard';

interface Props {
  /** Which experiment, by name (see src/experiments/registry.ts). */
  name: string;
}

export default function ExperimentFrame({ name }: Props) {
  if (!isExperimentName(name)) {
    return <p class="experiment-error">Unknown experiment “{name}”.</p>;
  }
  const definition: AnyExperimentDefinition = experiments[name];
  const {
    hydrated,
    choice,
    values,
    notices,
    status,
    progress,
    rows,
    runNotices,
    backendLine,
    constants,
    failure,
    summary,
    estimate,
    estimateBackend,
    confirmation,
    updateValues,
    start,
    confirm,
    dismissConfirmation,
    runOnCpu,
    cancel,
    sessionAlive,
    pause,
    continueFor,
    reset,
  } = useExperimentRun(name, definition);
  const [copied, setCopied] = useState('');
  const idPrefix = `experiment-${name}`;
  const running = status === 'running';
  const fraction = progress.total > 0 ? progress.done / progress.total : 0;
  const backendText = !choice
    ? hydrated
      ? 'Looking for WebGPU…'
      : 'This experiment needs JavaScript.'
    : `${choice.kind === 'cpu' ? `Runs on the CPU reference, no WebGPU: ${choice.reason} Default sizes are smaller.` : 'Runs on WebGPU on this device.'}${
        backendLine ? ` Last run: ${backendLine.backend}. Limits: ${backendLine.limits}.` : ''
      }`;
  // A WebGPU run that failed can be run on the CPU path instead; not one that could not start, since the CPU path starts the same way.
  const offerCpu = status === 'failed' && choice?.kind === 'webgpu' && failure !== undefined && failure.kind !== 'start-failed';

  return (
    <div class="experiment-frame" data-status={status} data-backend={choice?.kind}>
      <form
        noValidate
        class="experiment-controls"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        {definition.params.map((spec) => (
          <ParamControl
            key={spec.key}
            spec={spec}
            backend={choice?.kind ?? 'webgpu'}
            idPrefix={idPrefix}
            value={values[spec.key]!}
            notice={notices[spec.key]}
            disabled={running}
            onChange={(raw) => updateValues({ [spec.key]: raw })}
          />
        ))}
        {definition.presets?.map((preset) => (
          <button type="button" class="experiment-preset" key={preset.label} disabled={running} onClick={() => updateValues(preset.values)}>
            Preset: {preset.label}
          </button>
        ))}
        <div class="experiment-buttons">
          <button type="submit" disabled={!hydrated || !estimate || running || confirmation !== undefined}>
            Run {definition.title.toLowerCase()}
          </button>
          <button type="button" onClick={cancel} disabled={!running}>
            Cancel
          </button>
          <span class="experiment-hint" data-testid="run-estimate">
            {estimate && estimateBackend
              ? describeEstimate(estimate, estimateBackend)
              : choice?.kind === 'webgpu'
                ? 'Estimating from this device’s costs…'
                : ''}
          </span>
        </div>
        {confirmation && (
          <div class="experiment-confirm" role="alertdialog" aria-label="Confirm this run" aria-describedby={`${idPrefix}-confirm`}>
            <p id={`${idPrefix}-confirm`}>{confirmation}</p>
            <button type="button" onClick={confirm}>
              Run anyway
            </button>
            <button type="button" onClick={dismissConfirmation}>
              Do not run
            </button>
          </div>
        )}
      </form>

      {definition.session && sessionAlive && (
        <SessionControls status={status} idPrefix={idPrefix} defaultSteps={Number(values.steps)} pause={pause} continueFor={continueFor} reset={reset} />
      )}

      <p class="experiment-backend" data-testid="backend-line">
        {backendText}
      </p>
      {choice && (
        <button type="button" class="experiment-copy-backend" onClick={async () => setCopied(await copyText(backendText, 'the backend line'))}>
          Copy the backend line
        </button>
      )}

      {running && (
        <div class="experiment-progress">
          <label for={`${idPrefix}-progress`}>Progress: {progress.label}</label>
          <progress id={`${idPrefix}-progress`} max={1} value={fraction}>
            {Math.round(fraction * 100)}%
          </progress>
        </div>
      )}

      <div role="status" aria-live="polite" class="experiment-announcements">
        {failure && <p class={failure.kind === 'cancelled' ? 'experiment-notice' : 'experiment-error'}>{failure.message}</p>}
        {status === 'done' && <p class="visually-hidden">Finished: {rows.length} measurements.</p>}
      </div>
      <EmbedCode name={name} title={definition.title} values={values} hydrated={hydrated} idPrefix={idPrefix} report={setCopied} />
      <p role="status" class="experiment-hint">
        {copied}
      </p>

      {offerCpu && (
        <p class="experiment-notice">
          WebGPU failed, so nothing ran on the CPU yet. The CPU reference can run this experiment instead, with its own smaller limits.{' '}
          <button type="button" onClick={runOnCpu}>
            Run on the CPU
          </button>
        </p>
      )}
      {failure?.kind === 'device-lost' && (
        <button type="button" onClick={() => void start()}>
          Start again with a new GPU device
        </button>
      )}
      {runNotices.map((notice) => (
        <p class="experiment-notice" key={notice}>
          {notice}
        </p>
      ))}

      {rows.length > 0 && (
        <ResultsPanel
          name={name}
          definition={definition}
          rows={rows}
          summary={summary}
          values={values}
          backendLine={backendLine}
          constants={constants}
          report={setCopied}
        />
      )}
    </div>
  );
}
