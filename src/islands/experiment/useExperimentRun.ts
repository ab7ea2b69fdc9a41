/**
 * An experiment's run lifecycle for the frame: the backend choice, parameters
 * read from and mirrored to the URL with clamping notices, Run and Cancel, rows
 * batched to one render a frame, and this visit's result saved for the summary.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AnyExperimentDefinition, ExperimentName, ExperimentRow } from '../../experiments/definitions';
import { clampParam, readParams, writeParams, type ParamValues } from '../../experiments/params';
import type { BackendChoice, RunHandle } from '../../experiments/client';
import type { RunEvent } from '../../experiments/runner';
import { saveResult } from '../../experiments/visit-results';
import type { DeviceConstants } from '../../experiments/explain-timing';

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface BackendLine {
  backend: string;
  limits: string;
}

export function useExperimentRun(name: ExperimentName, definition: AnyExperimentDefinition) {
  const [hydrated, setHydrated] = useState(false);
  const [choice, setChoice] = useState<BackendChoice | undefined>();
  const [values, setValues] = useState<ParamValues>(() => readParams(name, definition.params, new URLSearchParams(), 'webgpu').values);
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

  useEffect(() => {
    setHydrated(true);
    let alive = true;
    void import('../../experiments/client').then(async ({ chooseBackend }) => {
      const chosen = await chooseBackend();
      if (!alive) return;
      setChoice(chosen);
      const parsed = readParams(name, definition.params, new URLSearchParams(location.search), chosen.kind);
      setValues(parsed.values);
      setNotices(Object.fromEntries(parsed.notices.map((notice) => [notice.key, notice.message])));
    });
    return () => {
      alive = false;
      run.current?.cancel();
    };
  }, [name]);

  /** Clamps each changed value, shows why where it had to, and mirrors the result in the URL. */
  const updateValues = (changes: Record<string, unknown>) => {
    const next = { ...values };
    const changedNotices: Record<string, string> = {};
    for (const spec of definition.params) {
      if (!(spec.key in changes)) continue;
      const { value, notice } = clampParam(spec, changes[spec.key], values[spec.key]!);
      next[spec.key] = value;
      changedNotices[spec.key] = notice ?? '';
    }
    setValues(next);
    setNotices((current) => ({ ...current, ...changedNotices }));
    const url = new URL(location.href);
    url.search = writeParams(name, next, url.searchParams).toString();
    history.replaceState(history.state, '', url);
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

  const onEvent = (event: RunEvent) => {
    switch (event.type) {
      case 'started':
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
        break;
      case 'error':
        flushRows();
        setStatus(event.kind === 'cancelled' ? 'cancelled' : 'failed');
        setFailure({ kind: event.kind, message: event.message });
        run.current = undefined;
        break;
    }
  };

  const start = async () => {
    if (!choice) return;
    const { startRun } = await import('../../experiments/client');
    pendingRows.current = [];
    setRows([]);
    setRunNotices([]);
    setFailure(undefined);
    setBackendLine(undefined);
    setConstants(undefined);
    setProgress({ done: 0, total: 0, label: 'starting' });
    setStatus('running');
    run.current = startRun({ experiment: name, params: values, backend: choice.kind }, onEvent);
  };

  const cancel = () => run.current?.cancel();

  const summary = useMemo(() => definition.summarize(rows, values, constants), [rows, definition, constants]);

  // The summary chapter shows the reader's own results from this visit next to the article's claims.
  useEffect(() => {
    if (status === 'done' && backendLine) saveResult(name, { summary, backend: backendLine.backend, parameters: values, date: new Date().toISOString() });
  }, [status]);

  return { hydrated, choice, values, notices, status, progress, rows, runNotices, backendLine, constants, failure, summary, updateValues, start, cancel };
}
