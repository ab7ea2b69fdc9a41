/**
 * The experiment frame every experiment shares: labelled controls with their
 * ranges, parameters mirrored in the URL, Run and Cancel, progress, the backend
 * line, and the results as a plot, a table and copyable data. The run itself is
 * `useExperimentRun`; the controls and results are their own components.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ExperimentControls, ExperimentName } from '../experiments/registry';
import { useExperimentRun } from './experiment/useExperimentRun';
import { ParamControl } from './experiment/ParamControl';
import type { ResultsPanel as ResultsPanelType } from './experiment/ResultsPanel';
import { EmbedCode } from './experiment/EmbedCode';
import { SessionControls } from './experiment/SessionControls';
import { describeEstimate, roughly } from '../experiments/shared/estimate';
import { limitParams } from '../experiments/params';
import { copyText } from '../utils/clipboard';

interface Props {
  /** Which experiment, by name (see src/experiments/registry.ts); src/user-components/Experiment.astro checks it. */
  name: ExperimentName;
  /** Its title and controls, as data: the frame loads the rest of its definition as it hydrates. */
  controls: ExperimentControls;
}

export default function ExperimentFrame({ name, controls }: Props) {
  const {
    definition,
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
    refusal,
    webgpuFound,
    chooseBackend,
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
  } = useExperimentRun(name, controls);
  const [copied, setCopied] = useState('');
  // The results panel (table, plots, uPlot, exports) loads with the run, not with the page.
  const [ResultsPanel, setResultsPanel] = useState<typeof ResultsPanelType | undefined>();
  const wantsResults = status !== 'idle';
  // "done" once the results are on the page: until their panel and summary have loaded, the frame still reads as running.
  const shownStatus = status === 'done' && rows.length > 0 && (!ResultsPanel || !summary) ? 'running' : status;
  useEffect(() => {
    if (wantsResults && !ResultsPanel) void import('./experiment/ResultsPanel').then((module) => setResultsPanel(() => module.ResultsPanel));
  }, [wantsResults]);
  const idPrefix = `experiment-${name}`;
  const running = status === 'running';
  // Until the backend is known the values are the link's, not yet read: nothing may edit them.
  const locked = running || !choice;
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
    <div class="experiment-frame" data-status={shownStatus} data-backend={choice?.kind}>
      <form
        noValidate
        class="experiment-controls"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        {controls.params.map((spec) => (
          <ParamControl
            key={spec.key}
            spec={spec}
            backend={choice?.kind ?? 'webgpu'}
            idPrefix={idPrefix}
            value={values[spec.key]!}
            notice={notices[spec.key]}
            disabled={locked}
            onChange={(raw) => updateValues({ [spec.key]: raw })}
          />
        ))}
        {controls.presets?.map((preset) => (
          <button type="button" class="experiment-preset" key={preset.label} disabled={locked} onClick={() => updateValues(preset.values)}>
            Preset: {preset.label}
          </button>
        ))}
        {estimateBackend &&
          definition?.presetsFor?.(estimateBackend).map((preset) => {
            // Named with its estimate, so the reader sees the cost before choosing it; Run still asks before a long run.
            const presetEstimate = definition.estimate(
              limitParams(controls.params, { ...values, ...preset.values }, estimateBackend.kind).values,
              estimateBackend,
            );
            return (
              <button type="button" class="experiment-preset" key={preset.label} disabled={locked} onClick={() => updateValues(preset.values)}>
                Preset: {preset.label}, estimated {roughly(presetEstimate.ms)}
              </button>
            );
          })}
        {choice && (
          <fieldset class="experiment-backend-choice">
            <legend>Run on</legend>
            <label>
              <input
                type="radio"
                name={`${idPrefix}-backend`}
                value="webgpu"
                checked={choice.kind === 'webgpu'}
                disabled={running || !webgpuFound}
                onChange={() => chooseBackend('webgpu')}
              />{' '}
              WebGPU{webgpuFound ? '' : ' (not available here)'}
            </label>{' '}
            <label>
              <input
                type="radio"
                name={`${idPrefix}-backend`}
                value="cpu"
                checked={choice.kind === 'cpu'}
                disabled={running}
                onChange={() => chooseBackend('cpu')}
              />{' '}
              the CPU reference (smaller limits, one thread)
            </label>
          </fieldset>
        )}
        <div class="experiment-buttons">
          <button type="submit" disabled={!hydrated || !estimate || running || confirmation !== undefined || refusal !== undefined}>
            Run {controls.title.toLowerCase()}
          </button>
          <button type="button" onClick={cancel} disabled={!running}>
            Cancel
          </button>
          <span class="experiment-hint" data-testid="run-estimate" data-estimate-ms={estimate && estimateBackend ? Math.round(estimate.ms) : undefined}>
            {estimate && estimateBackend
              ? describeEstimate(estimate, estimateBackend)
              : choice?.kind === 'webgpu'
                ? 'Estimating from this device’s costs…'
                : ''}
          </span>
        </div>
        {refusal && (
          <div class="experiment-refusal" role="alert">
            <p>
              {refusal.reason}
              {refusal.fit ? ` The largest ${refusal.fit.label} that fits is ${refusal.fit.value.toLocaleString('en-US')}.` : ''}
            </p>
            {refusal.fit && (
              <button type="button" onClick={() => updateValues({ [refusal.fit!.key]: refusal.fit!.value })}>
                Use {refusal.fit.label} = {refusal.fit.value.toLocaleString('en-US')}
              </button>
            )}
          </div>
        )}
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

      {controls.resumable && sessionAlive && (
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
      <EmbedCode name={name} title={controls.title} values={values} hydrated={hydrated} idPrefix={idPrefix} report={setCopied} />
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

      {rows.length > 0 && ResultsPanel && definition && summary && (
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
