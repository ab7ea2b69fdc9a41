/**
 * Experiment parameters: their specs, reading them from the URL with clamping,
 * and writing them back so a link reproduces the experiment. Pure; no DOM.
 */
export type ParamKind = 'integer' | 'number' | 'power-of-two' | 'boolean' | 'choice';

export interface ParamSpec {
  key: string;
  label: string;
  kind: ParamKind;
  /** Lower and upper bounds (integer and power-of-two). */
  min?: number;
  max?: number;
  /** Default on WebGPU, and the smaller default on the CPU path. */
  defaultValue: number | boolean | string;
  cpuDefault?: number | boolean | string;
  /** Step of the control (number); values are not rounded to it. */
  step?: number;
  /** Allowed values (choice). */
  choices?: Array<{ value: string; label: string }>;
  /** Shown next to the control. */
  hint?: string;
}

export type ParamValues = Record<string, number | boolean | string>;

export interface ParamNotice {
  key: string;
  message: string;
}

/** The URL key for a parameter, namespaced by experiment so several can share a page. */
export function urlKey(experiment: string, key: string): string {
  return `${experiment}.${key}`;
}

export function defaults(specs: readonly ParamSpec[], backend: 'webgpu' | 'cpu'): ParamValues {
  return Object.fromEntries(specs.map((spec) => [spec.key, backend === 'cpu' && spec.cpuDefault !== undefined ? spec.cpuDefault : spec.defaultValue]));
}

/**
 * Brings one raw value into range. Anything unparsable falls back to the
 * default; out-of-range numbers are clamped. Every change comes with a notice.
 */
export function clampParam(spec: ParamSpec, raw: unknown, fallback: number | boolean | string): { value: number | boolean | string; notice?: string } {
  if (spec.kind === 'boolean') {
    if (raw === true || raw === 'true' || raw === '1') return { value: true };
    if (raw === false || raw === 'false' || raw === '0') return { value: false };
    return { value: fallback, notice: `${spec.label}: “${String(raw)}” is not on or off; using ${fallback ? 'on' : 'off'}.` };
  }
  if (spec.kind === 'choice') {
    const choice = spec.choices?.find((option) => option.value === raw);
    if (choice) return { value: choice.value };
    return {
      value: fallback,
      notice: `${spec.label}: “${String(raw)}” is not one of ${spec.choices?.map((o) => o.label).join(', ')}; using ${String(fallback)}.`,
    };
  }
  const number = typeof raw === 'number' ? raw : Number(String(raw).trim());
  if (String(raw).trim() === '' || !Number.isFinite(number)) {
    return { value: fallback, notice: `${spec.label}: “${String(raw)}” is not a number; using ${String(fallback)}.` };
  }
  const min = spec.min ?? -Infinity;
  const max = spec.max ?? Infinity;
  let value = spec.kind === 'number' ? number : Math.round(number);
  if (spec.kind === 'power-of-two') value = 2 ** Math.round(Math.log2(Math.max(1, value)));
  const clamped = Math.min(max, Math.max(min, value));
  if (clamped !== number) {
    const why =
      number < min
        ? `below the minimum ${min}`
        : number > max
          ? `above the maximum ${max}`
          : spec.kind === 'power-of-two'
            ? 'not a power of two'
            : 'not a whole number';
    return { value: clamped, notice: `${spec.label}: ${formatRaw(number)} is ${why}; using ${clamped}.` };
  }
  return { value: clamped };
}

/** Reads every parameter of an experiment from URL search params. */
export function readParams(
  experiment: string,
  specs: readonly ParamSpec[],
  search: URLSearchParams,
  backend: 'webgpu' | 'cpu',
): { values: ParamValues; notices: ParamNotice[] } {
  const base = defaults(specs, backend);
  const notices: ParamNotice[] = [];
  const values: ParamValues = { ...base };
  for (const spec of specs) {
    const raw = search.get(urlKey(experiment, spec.key));
    if (raw === null) continue;
    const { value, notice } = clampParam(spec, raw, base[spec.key]!);
    values[spec.key] = value;
    if (notice) notices.push({ key: spec.key, message: notice });
  }
  return { values, notices };
}

/** Writes an experiment's parameters into URL search params, leaving others alone. */
export function writeParams(experiment: string, values: ParamValues, search: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const [key, value] of Object.entries(values)) next.set(urlKey(experiment, key), String(value));
  return next;
}

function formatRaw(value: number): string {
  return Math.abs(value) >= 1e6 ? value.toExponential(2) : String(value);
}
