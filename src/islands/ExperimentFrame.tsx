/**
 * The experiment frame every experiment shares: labelled controls with their
 * ranges, parameters mirrored in the URL, Run and Cancel, progress, the backend
 * line, and the results as a plot, a table and copyable data.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { experiments, isExperimentName, type AnyExperimentDefinition, type ExperimentRow } from '../experiments/definitions';
import { clampParam, readParams, writeParams, type ParamSpec, type ParamValues } from '../experiments/params';
import { toCsv, toJson } from '../experiments/results';
import type { BackendChoice, RunHandle } from '../experiments/client';
import type { RunEvent } from '../experiments/runner';
import { saveResult } from '../experiments/visit-results';
import { EMBED_DEFAULT_HEIGHT, iframeSnippet } from '../utils/embed';
import { ResultTable } from './ResultTable';
import { Plot } from './Plot';

interface Props {
  /** Which experiment, by name (see src/experiments/definitions.ts). */
  name: string;
}

type Status = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export default function ExperimentFrame({ name }: Props) {
  if (!isExperimentName(name)) {
    return <p class="experiment-error">Unknown experiment “{name}”.</p>;
  }
  const definition: AnyExperimentDefinition = experiments[name];
  const [hydrated, setHydrated] = useState(false);
  const [choice, setChoice] = useState<BackendChoice | undefined>();
  const [values, setValues] = useState<ParamValues>(() => readParams(name, definition.params, new URLSearchParams(), 'webgpu').values);
  const [notices, setNotices] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Status>('idle');
  const [progress, setProgress] = useState<{ done: number; total: number; label: string }>({ done: 0, total: 0, label: '' });
  const [rows, setRows] = useState<ExperimentRow[]>([]);
  const [runNotices, setRunNotices] = useState<string[]>([]);
  const [backendLine, setBackendLine] = useState<{ backend: string; limits: string } | undefined>();
  const [failure, setFailure] = useState<{ kind: string; message: string } | undefined>();
  const [copied, setCopied] = useState('');
  const run = useRef<RunHandle | undefined>();
  const idPrefix = `experiment-${name}`;

  useEffect(() => {
    setHydrated(true);
    let alive = true;
    void import('../experiments/client').then(async ({ chooseBackend }) => {
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
    const { startRun } = await import('../experiments/client');
    pendingRows.current = [];
    setRows([]);
    setRunNotices([]);
    setFailure(undefined);
    setBackendLine(undefined);
    setProgress({ done: 0, total: 0, label: 'starting' });
    setStatus('running');
    run.current = startRun({ experiment: name, params: values, backend: choice.kind }, onEvent);
  };

  const cancel = () => run.current?.cancel();

  const copyText = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`Copied ${what}.`);
    } catch {
      setCopied(`This browser did not allow copying ${what}.`);
    }
  };

  const copy = (format: 'CSV' | 'JSON') =>
    copyText(
      format === 'CSV'
        ? toCsv(rows, definition.columns as never)
        : toJson(rows, { experiment: name, parameters: values, backend: backendLine?.backend, limits: backendLine?.limits, date: new Date().toISOString() }),
      `the results as ${format}`,
    );

  /** The current result as a standalone, captioned SVG, for wikis that only take images. */
  const downloadSvg = async () => {
    const { resultToSvg } = await import('../experiments/svg-export');
    const svg = resultToSvg(rows, definition.plots[0] as never, {
      title: definition.title,
      parameters: values,
      backend: backendLine?.backend ?? 'unknown backend',
      date: new Date().toISOString(),
    });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    link.download = `${name}.svg`;
    link.target = '_self';
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    setCopied('Downloaded the result as SVG.');
  };

  const embedCode = iframeSnippet({
    src: hydrated
      ? new URL(`${import.meta.env.BASE_URL}embed/experiment/${name}/?${writeParams(name, values, new URLSearchParams()).toString()}`, location.href).toString()
      : '',
    title: `${definition.title} · Why transformers replaced RNNs`,
    height: EMBED_DEFAULT_HEIGHT.experiment,
    hostScript: hydrated ? new URL(`${import.meta.env.BASE_URL}embed/host.js`, location.href).toString() : '',
  });

  const summary = useMemo(() => definition.summarize(rows, values), [rows, definition]);

  // The summary chapter shows the reader's own results from this visit next to the article's claims.
  useEffect(() => {
    if (status === 'done' && backendLine) saveResult(name, { summary, backend: backendLine.backend, parameters: values, date: new Date().toISOString() });
  }, [status]);
  const running = status === 'running';
  const fraction = progress.total > 0 ? progress.done / progress.total : 0;

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
          <button type="submit" disabled={!hydrated || !choice || running}>
            Run {definition.title.toLowerCase()}
          </button>
          <button type="button" onClick={cancel} disabled={!running}>
            Cancel
          </button>
        </div>
      </form>

      <p class="experiment-backend" data-testid="backend-line">
        {!choice
          ? hydrated
            ? 'Looking for WebGPU…'
            : 'This experiment needs JavaScript.'
          : choice.kind === 'cpu'
            ? `Runs on the CPU reference, no WebGPU: ${choice.reason} Default sizes are smaller.`
            : 'Runs on WebGPU on this device.'}
        {backendLine && (
          <>
            {' '}
            <span>
              Last run: {backendLine.backend}. Limits: {backendLine.limits}.
            </span>
          </>
        )}
      </p>

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
      <details class="embed-control">
        <summary>Embed this experiment</summary>
        <label for={`${idPrefix}-embed`}>Paste this into a wiki or web page; it opens with the parameters above.</label>
        <textarea id={`${idPrefix}-embed`} readOnly rows={4} value={embedCode} />
        <button type="button" onClick={() => void copyText(embedCode, 'the embed code')}>
          Copy the embed code
        </button>
      </details>
      <p role="status" class="experiment-hint">
        {copied}
      </p>

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
        <div class="experiment-results">
          {definition.plots.map((plot) => (
            <Plot key={plot.y} rows={rows} plot={plot as never} title={definition.title} />
          ))}
          {summary.length > 0 && (
            <ul class="experiment-summary">
              {summary.map((sentence) => (
                <li key={sentence}>{sentence}</li>
              ))}
            </ul>
          )}
          <ResultTable rows={rows} columns={definition.columns as never} caption={definition.caption} />
          <div class="experiment-copy">
            <button type="button" onClick={() => void copy('CSV')}>
              Copy as CSV
            </button>
            <button type="button" onClick={() => void copy('JSON')}>
              Copy as JSON
            </button>
            <button type="button" onClick={() => void downloadSvg()}>
              Download as SVG
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function ParamControl({
  spec,
  idPrefix,
  value,
  notice,
  disabled,
  onChange,
}: {
  spec: ParamSpec;
  idPrefix: string;
  value: number | boolean | string;
  notice?: string;
  disabled: boolean;
  onChange: (raw: unknown) => void;
}) {
  const id = `${idPrefix}-${spec.key}`;
  const hintId = `${id}-hint`;
  if (spec.kind === 'boolean') {
    return (
      <div class="experiment-param experiment-param-toggle">
        <input
          id={id}
          type="checkbox"
          checked={Boolean(value)}
          disabled={disabled}
          onChange={(event) => onChange((event.target as HTMLInputElement).checked)}
        />
        <label for={id}>{spec.label}</label>
      </div>
    );
  }
  const bound = (value: number | undefined) => value?.toLocaleString('en-US', { maximumFractionDigits: 6 });
  const range = `${bound(spec.min)} to ${bound(spec.max)}`;
  return (
    <div class="experiment-param">
      <label for={id}>{spec.label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={spec.min}
        max={spec.max}
        step={spec.kind === 'integer' ? 1 : (spec.step ?? 'any')}
        value={String(value)}
        disabled={disabled}
        aria-describedby={hintId}
        onChange={(event) => onChange((event.target as HTMLInputElement).value)}
      />
      <span id={hintId} class="experiment-hint">
        {range}
        {spec.kind === 'power-of-two' ? ', a power of two' : ''}
        {spec.hint && spec.kind !== 'power-of-two' ? `; ${spec.hint}` : ''}
      </span>
      {notice && (
        <span class="experiment-clamped" role="alert">
          {notice}
        </span>
      )}
    </div>
  );
}
