/**
 * An experiment's run lifecycle for the frame: the backend choice, parameters
 * read from and mirrored to the URL with clamping notices, the run's estimate and
 * the confirmation past its threshold, Run and Cancel, "Run on the CPU" after a
 * WebGPU failure, rows batched to one render a frame, and this visit's result
 * saved for the summary.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AnyExperimentDefinition, ExperimentControls, ExperimentName, ExperimentParams, ExperimentRow, Summarize } from '../../experiments/registry';
import { clampParam, limitParams, readParams, writeParams, type ParamValues } from '../../experiments/params';
import type { BackendChoice, RunHandle } from '../../experiments/client';
import type { RunEvent } from '../../experiments/runner';
import { confirmationReason, largestBindable, largestThatFits, refusalReason, type EstimateBackend, type RunEstimate } from '../../experiments/shared/estimate';
import { measureRun, memoryKey, pageStorage, readMeasured, writeMeasured } from '../../experiments/estimate-memory';
import { saveResult } from '../../experiments/visit-results';
import { announceResult } from '../../utils/result-events';
import type { DeviceConstants, GpuDeviceConstants } from '../../../kernels/runtime/device-constants';
import type { SessionEvent } from '../../experiments/training-session';
import type { SessionHandle } from '../../experiments/training-client';

export type RunStatus = 'idle' | 'running' | 'paused' | 'done' | 'cancelled' | 'failed';

export interface BackendLine {
  backend: string;
  limits: string;
}

/** The work an estimate counted, without its start-up. */
const countedWork = (estimate: RunEstimate) => estimate.workMs ?? estimate.ms - (estimate.fixedMs ?? 0);

export function useExperimentRun(name: ExperimentName, controls: ExperimentControls) {
  const [hydrated, setHydrated] = useState(false);
  const [choice, setChoice] = useState<BackendChoice | undefined>();
  const [values, setValues] = useState<ParamValues>(() => readParams(name, controls.params, new URLSearchParams(), 'webgpu').values);
  // The experiment's own code (its estimate, columns, plots), loaded as the frame hydrates; the controls need none of it.
  const [definition, setDefinition] = useState<AnyExperimentDefinition | undefined>();
  const [notices, setNotices] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<RunStatus>('idle');
  const [progress, setProgress] = useState<{ done: number; total: number; label: string }>({ done: 0, total: 0, label: '' });
  const [rows, setRows] = useState<ExperimentRow[]>([]);
  const [runNotices, setRunNotices] = useState<string[]>([]);
  const [backendLine, setBackendLine] = useState<BackendLine | undefined>();
  // A timing experiment's measured device constants, kept beside its rows.
  const [constants, setConstants] = useState<DeviceConstants | undefined>();
  const [failure, setFailure] = useState<{ kind: string; message: string } | undefined>();
  const run = useRef<RunHandle | undefined>();
  /** A training experiment's session: alive between runs (pause, continue) until Run again, reset or leaving. */
  const session = useRef<SessionHandle | undefined>();
  const [sessionAlive, setSessionAlive] = useState(false);
  const [device, setDevice] = useState<{ device: GpuDeviceConstants; startupMs?: number; adapter: string } | undefined>();
  /** Bumped when a finished run stores what it measured, so the estimate reads it. */
  const [measuredRuns, setMeasuredRuns] = useState(0);
  /** The run in flight, timed for the next estimate: when Run started it, when it reported its start, the work its estimate counted. */
  const timing = useRef<{ key: string; launchedAt: number; startedAt?: number; countedWorkMs: number } | undefined>();
  /** Whether this page found a WebGPU adapter, so the reader may choose between it and the CPU path. */
  const [webgpuFound, setWebgpuFound] = useState(false);
  /** The confirmation Run asks for, naming the estimate, while it waits for an answer. */
  const [confirmation, setConfirmation] = useState<string | undefined>();
  // The values as last set, ahead of the render: two quick edits must not each start from a stale copy.
  const latestValues = useRef(values);
  const replaceValues = (next: ParamValues) => {
    latestValues.current = next;
    setValues(next);
  };

  useEffect(() => {
    setHydrated(true);
    let alive = true;
    void import('../../experiments/load-definition')
      .then(({ loadDefinition }) => loadDefinition(name))
      .then(
        (loaded) => alive && setDefinition(loaded),
        (error: unknown) =>
          alive && setFailure({ kind: 'start-failed', message: `This experiment's code did not load (${String(error)}). Reload the page to try again.` }),
      );
    void import('../../experiments/client').then(async ({ chooseBackend }) => {
      const chosen = await chooseBackend();
      if (!alive) return;
      setChoice(chosen);
      setWebgpuFound(chosen.kind === 'webgpu');
      const parsed = readParams(name, controls.params, new URLSearchParams(location.search), chosen.kind);
      replaceValues(parsed.values);
      setNotices(Object.fromEntries(parsed.notices.map((notice) => [notice.key, notice.message])));
      if (chosen.kind === 'webgpu') {
        const measured = await import('../../experiments/device-estimate').then(({ deviceConstants }) => deviceConstants());
        if (alive && measured.device.kind === 'webgpu') setDevice({ device: measured.device, startupMs: measured.startupMs, adapter: measured.adapter });
      }
    });
    return () => {
      alive = false;
      run.current?.cancel();
      session.current?.release();
    };
  }, [name]);

  // What this device's last run of this experiment on this path measured, where there was one.
  const measuredKey = !choice
    ? undefined
    : choice.kind === 'cpu'
      ? memoryKey(name, 'cpu', 'this browser')
      : device && memoryKey(name, 'webgpu', device.adapter);
  const measured = useMemo(() => (measuredKey ? readMeasured(pageStorage(), measuredKey) : undefined), [measuredKey, measuredRuns]);
  /** The backend as the estimate's prior sees it, before any measured run. */
  const priorBackend: EstimateBackend | undefined = !choice
    ? undefined
    : choice.kind === 'cpu'
      ? { kind: 'cpu' }
      : device && { kind: 'webgpu', device: device.device, startupMs: device.startupMs };
  const estimateBackend: EstimateBackend | undefined = priorBackend && (measured ? { ...priorBackend, measured } : priorBackend);
  const estimate = useMemo(
    () => estimateBackend && definition?.estimate(limitParams(controls.params, values, estimateBackend.kind).values, estimateBackend),
    [values, choice, device, definition, measured],
  );
  /** A run this device cannot hold: refused before it starts, with the largest size that fits. */
  const refusal = useMemo(() => {
    const reason = estimate && estimateBackend && refusalReason(estimate, estimateBackend);
    if (!reason || estimateBackend?.kind !== 'webgpu' || !definition) return undefined;
    const limit = largestBindable(estimateBackend.device);
    const fit = largestThatFits(
      controls.params,
      values,
      (candidate) => definition.estimate(candidate, estimateBackend),
      (candidate) => candidate.largestBuffer <= limit,
    );
    return { reason, fit: fit && { key: fit.spec.key, label: fit.spec.label, value: fit.value } };
  }, [estimate, device]);

  /** Clamps each changed value for a backend, shows why where it had to, and mirrors the result in the URL. */
  const clampValues = (changes: Record<string, unknown>, backend: BackendChoice['kind']) => {
    const current = latestValues.current;
    const next = { ...current };
    const changedNotices: Record<string, string> = {};
    for (const spec of controls.params) {
      if (!(spec.key in changes)) continue;
      const { value, notice } = clampParam(spec, changes[spec.key], current[spec.key]!, backend);
      next[spec.key] = value;
      changedNotices[spec.key] = notice ?? '';
    }
    replaceValues(next);
    setNotices((current) => ({ ...current, ...changedNotices }));
    setConfirmation(undefined);
    const url = new URL(location.href);
    url.search = writeParams(name, next, url.searchParams).toString();
    history.replaceState(history.state, '', url);
    return next;
  };
  // Before the backend is known, an edit could overwrite a shared link's values with the defaults: the controls are disabled, and this refuses too.
  const updateValues = (changes: Record<string, unknown>) => {
    if (choice) clampValues(changes, choice.kind);
  };

  /** The reader's choice of path before Run: WebGPU where this page found it, or the CPU reference. */
  const chooseBackend = (kind: BackendChoice['kind']) => {
    if (!choice || choice.kind === kind || status === 'running' || (kind === 'webgpu' && !webgpuFound)) return;
    setChoice(kind === 'cpu' ? { kind: 'cpu', reason: 'Chosen here instead of WebGPU.' } : { kind: 'webgpu' });
    setFailure(undefined);
    clampValues(latestValues.current, kind);
  };

  // Rows arrive one message at a time, sometimes hundreds at once; render them at most once a frame.
  const pendingRows = useRef<ExperimentRow[]>([]);
  const flushScheduled = useRef(false);
  const flushRows = () => {
    flushScheduled.current = false;
    if (pendingRows.current.length === 0) return;
    const batch = pendingRows.current;
    pendingRows.current = [];
    setRows((current) => [...current, ...batch]);
  };
  const queueRow = (row: ExperimentRow) => {
    pendingRows.current.push(row);
    if (!flushScheduled.current) {
      flushScheduled.current = true;
      requestAnimationFrame(flushRows);
    }
  };

  const onEvent = (event: RunEvent | SessionEvent) => {
    switch (event.type) {
      case 'paused':
        flushRows();
        setStatus('paused');
        break;
      case 'started':
        if (timing.current) timing.current.startedAt ??= performance.now();
        setBackendLine({ backend: event.backend, limits: event.limits });
        break;
      case 'constants':
        setConstants(event.constants);
        break;
      case 'progress':
        setProgress(event);
        break;
      case 'row':
        queueRow(event.row);
        break;
      case 'notice':
        setRunNotices((current) => [...current, event.message]);
        break;
      case 'done':
        flushRows();
        setStatus('done');
        run.current = undefined;
        recordTiming();
        break;
      case 'error':
        flushRows();
        setStatus(event.kind === 'cancelled' ? 'cancelled' : 'failed');
        setFailure({ kind: event.kind, message: event.message });
        run.current = undefined;
        // The models are gone with the error (a lost device among them); the rows so far stay.
        session.current = undefined;
        setSessionAlive(false);
        break;
    }
  };

  /** A finished run's start-up and pace, stored for this device's next estimate of the experiment. */
  const recordTiming = () => {
    const timed = timing.current;
    timing.current = undefined;
    if (!timed || timed.startedAt === undefined) return;
    const storage = pageStorage();
    const result = measureRun(
      { totalMs: performance.now() - timed.launchedAt, startupMs: timed.startedAt - timed.launchedAt, countedWorkMs: timed.countedWorkMs },
      readMeasured(storage, timed.key),
    );
    if (!result) return;
    writeMeasured(storage, timed.key, result);
    setMeasuredRuns((count) => count + 1);
  };

  /** Starts the run on a backend with these values; any failure to start ends in a failed state with its message. */
  const launch = async (backend: BackendChoice['kind'], params: ParamValues) => {
    pendingRows.current = [];
    setRows([]);
    setRunNotices([]);
    setFailure(undefined);
    setBackendLine(undefined);
    setConstants(undefined);
    setConfirmation(undefined);
    setProgress({ done: 0, total: 0, label: 'starting' });
    setStatus('running');
    // Timed from here, for the next estimate: the counted work of exactly these values on this path.
    timing.current =
      measuredKey && priorBackend && definition && priorBackend.kind === backend
        ? {
            key: measuredKey,
            launchedAt: performance.now(),
            countedWorkMs: countedWork(definition.estimate(limitParams(controls.params, params, backend).values, priorBackend)),
          }
        : undefined;
    session.current?.release();
    session.current = undefined;
    setSessionAlive(false);
    try {
      if (controls.resumable) {
        const { startSession } = await import('../../experiments/training-client');
        session.current = startSession({ experiment: name, params, backend }, onEvent);
        run.current = session.current;
        setSessionAlive(true);
        return;
      }
      const { startRun } = await import('../../experiments/client');
      // The page's measured constants go with the run, so the device is measured once per page.
      const shared: DeviceConstants | undefined = backend === 'cpu' ? { kind: 'cpu' } : device?.device;
      run.current = startRun({ experiment: name, params, backend, constants: shared }, onEvent);
    } catch (error) {
      // startRun reports its own failures as events; this is the client module failing to load.
      onEvent({ type: 'error', kind: 'start-failed', message: `The experiment's code did not load (${String(error)}). Nothing ran.`, recoverable: true });
    }
  };

  /** Run: past the estimate's threshold, asks first, naming the estimate. */
  const start = () => {
    if (!choice || !estimateBackend || !estimate || refusal) return;
    const reason = confirmationReason(estimate, estimateBackend);
    if (reason) setConfirmation(reason);
    else void launch(choice.kind, values);
  };
  const confirm = () => {
    if (choice) void launch(choice.kind, values);
  };
  const dismissConfirmation = () => setConfirmation(undefined);

  /**
   * After a WebGPU failure: switch this frame to the CPU path, saying why, bring the
   * parameters within the CPU maxima (with notices), and run, asking first if the
   * CPU estimate is past its threshold.
   */
  const runOnCpu = () => {
    // A WebGPU run failed, so the definition, which Run waits for, has loaded.
    if (!definition) return;
    const reason = failure ? `WebGPU failed here: ${failure.message}` : 'Chosen after WebGPU failed.';
    const cpu: BackendChoice = { kind: 'cpu', reason };
    setChoice(cpu);
    const params = clampValues(latestValues.current, 'cpu');
    setFailure(undefined);
    const cpuReason = confirmationReason(definition.estimate(params, { kind: 'cpu' }), { kind: 'cpu' });
    if (cpuReason) setConfirmation(cpuReason);
    else void launch('cpu', params);
  };

  const cancel = () => run.current?.cancel();
  /** Ends a training run between steps, keeping its models. */
  const pause = () => session.current?.pause();
  /** Trains the same models for more steps; the rows go on from where they were. */
  const continueFor = (steps: number) => {
    if (!session.current) return;
    // A continued session has no start-up of its own: its time would mislead the next estimate.
    timing.current = undefined;
    setFailure(undefined);
    setProgress({ done: 0, total: steps, label: `continuing for ${steps} steps` });
    setStatus('running');
    run.current = session.current;
    session.current.continueFor(steps);
  };
  /** Frees a training run's models, buffers and device. */
  const reset = () => {
    session.current?.release();
    session.current = undefined;
    run.current = undefined;
    setSessionAlive(false);
  };

  // The summary's code loads with the run, as the results panel does, not with the page: until it has, there is no summary.
  const [summarize, setSummarize] = useState<Summarize<ExperimentParams, ExperimentRow> | undefined>();
  const wantsSummary = status !== 'idle';
  useEffect(() => {
    if (!wantsSummary || summarize || !definition) return;
    let alive = true;
    definition.summarize().then(
      (loaded) => alive && setSummarize(() => loaded),
      (error: unknown) =>
        alive && setFailure({ kind: 'unexpected', message: `The code that reads the results did not load (${String(error)}). Reload the page to try again.` }),
    );
    return () => {
      alive = false;
    };
  }, [wantsSummary, definition]);
  const summary = useMemo(() => summarize?.(rows, values, constants), [summarize, rows, definition, constants]);

  // The summary chapter shows the reader's own results from this visit next to the article's claims.
  // A "predict, then run" box on the page computes its measurement from the saved rows, told by the announcement.
  useEffect(() => {
    if (status === 'done' && backendLine && summary) {
      saveResult(name, {
        headline: summary.headline,
        verdict: summary.verdict,
        sentences: summary.sentences,
        details: summary.details,
        backend: backendLine.backend,
        parameters: values,
        date: new Date().toISOString(),
        rows,
      });
      announceResult(name);
    }
  }, [status, summarize]);

  return {
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
  };
}
