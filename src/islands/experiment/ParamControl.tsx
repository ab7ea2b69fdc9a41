/** One labelled parameter control with its range, and the notice when a value had to change. */
import { useState } from 'preact/hooks';
import { maximum, type ParamSpec } from '../../experiments/params';
import type { BackendKind } from '../../../kernels/runtime/backend';

export function ParamControl({
  spec,
  backend,
  idPrefix,
  value,
  notice,
  disabled,
  onChange,
}: {
  spec: ParamSpec;
  /** The path runs will take: the CPU path has its own maxima. */
  backend: BackendKind;
  idPrefix: string;
  value: number | boolean | string;
  notice?: string;
  disabled: boolean;
  onChange: (raw: unknown) => void;
}) {
  // What the reader has typed and not yet committed (the change event, on Enter or leaving the field): kept through
  // any re-render meanwhile (a chunk loaded, a run's status), which would otherwise put the old value back; dropped on
  // leaving the field, so a value set from elsewhere (a preset, a clamp) always shows.
  const [draft, setDraft] = useState<string | undefined>();
  const id = `${idPrefix}-${spec.key}`;
  const hintId = `${id}-hint`;
  const clamped = notice && (
    <span class="experiment-clamped" role="alert">
      {notice}
    </span>
  );
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
        {clamped}
      </div>
    );
  }
  const bound = (value: number | undefined) => value?.toLocaleString('en-US', { maximumFractionDigits: 6 });
  const max = maximum(spec, backend);
  const cpuBound = max !== spec.max ? ` on the CPU path (WebGPU: to ${bound(spec.max)})` : '';
  const range = `${bound(spec.min)} to ${bound(max)}${cpuBound}`;
  return (
    <div class="experiment-param">
      <label for={id}>{spec.label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={spec.min}
        max={max}
        step={spec.kind === 'integer' ? 1 : (spec.step ?? 'any')}
        value={draft ?? String(value)}
        disabled={disabled}
        aria-describedby={hintId}
        onInput={(event) => setDraft((event.target as HTMLInputElement).value)}
        onChange={(event) => {
          setDraft(undefined);
          onChange((event.target as HTMLInputElement).value);
        }}
        onBlur={() => setDraft(undefined)}
      />
      <span id={hintId} class="experiment-hint">
        {range}
        {spec.kind === 'power-of-two' ? ', a power of two' : ''}
        {spec.hint && spec.kind !== 'power-of-two' ? `; ${spec.hint}` : ''}
      </span>
      {clamped}
    </div>
  );
}
