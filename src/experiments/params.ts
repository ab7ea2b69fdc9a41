/**
 * Experiment parameters: their specs, reading them from the URL with clamping,
 * and writing them back so a link reproduces the experiment. Pure; no DOM.
 */
import type { BackendKind } from '../../kernels/runtime/backend';

export type ParamKind = 'integer' | 'number' | 'power-of-two' | 'boolean' | 'choice';

export interface ParamSpec {
  key: string;
  label: string;
  kind: ParamKind;
  /** Lower and upper bounds (integer and power-of-two). */
  min?: number;
  max?: number;
  /**
   * A smaller upper bound on the CPU path, where the references run on one thread in the
   * page's own memory: small enough that no value in range takes a tab past about 1 GiB.
   */
  cpuMax?: number;
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

export function defaults(specs: readonly ParamSpec[], backend: BackendKind): ParamValues {
  return Object.fromEntries(specs.map((spec) => [spec.key, backend === 'cpu' && spec.cpuDefault !== undefined ? spec.cpuDefault : spec.defaultValue]));
}

/** The upper bound of a parameter on a backend: its CPU maximum on the CPU path, where it has one. */
export function maximum(spec: ParamSpec, backend: BackendKind): number | undefined {
  return backend === 'cpu' && spec.cpuMax !== undefined ? spec.cpuMax : spec.max;
}

/** Raw values are echoed in notices up to this many characters, so a long one cannot flood the page. */
export const NOTICE_RAW_LENGTH = 24;

/**
 * Characters a notice must not echo as they are: control characters (C0, DEL, C1) and the
 * bidirectional formatting marks, embeddings, overrides and isolates, which could reorder
 * the sentence around them.
 */
const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** A text with each unsafe character shown as its code point, e.g. “U+202E”. */
export function showUnsafe(text: string): string {
  return text.replace(UNSAFE_CHARACTER, (character) => `[U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`);
}

/**
 * A raw value as a notice quotes it: “…”, cut to NOTICE_RAW_LENGTH characters with an ellipsis,
 * with control and bidirectional characters shown as code points rather than obeyed.
 */
export function quoteRaw(raw: unknown): string {
  const characters = [...String(raw)];
  const cut = characters.length > NOTICE_RAW_LENGTH ? `${characters.slice(0, NOTICE_RAW_LENGTH).join('')}…` : characters.join('');
  return `“${showUnsafe(cut)}”`;
}

const PLAIN_DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/**
 * Why a numeric string that JavaScript accepts is not plain decimal notation (hexadecimal,
 * octal, binary, an exponent, a leading zero), or undefined when it is plain. Such values
 * are still read, but with a notice, so a link's `0x100000` cannot pass unnoticed.
 */
export function unusualNotation(text: string): string | undefined {
  const body = text.replace(/^[+-]/, '');
  if (/^0x/i.test(body)) return 'hexadecimal notation';
  if (/^0o/i.test(body)) return 'octal notation';
  if (/^0b/i.test(body)) return 'binary notation';
  if (/e/i.test(body) && !/infinity/i.test(body)) return 'exponent notation';
  if (/^0\d/.test(body)) return 'a leading zero, read as decimal';
  return PLAIN_DECIMAL.test(text) ? undefined : 'unusual notation';
}

/**
 * Brings one raw value into range for a backend. Anything unparsable falls back to
 * the default; out-of-range numbers are clamped (on the CPU path, to its own maximum);
 * hexadecimal, octal, binary and exponent notations are read but noticed. Every change
 * comes with a notice.
 */
export function clampParam(
  spec: ParamSpec,
  raw: unknown,
  fallback: number | boolean | string,
  backend: BackendKind = 'webgpu',
): { value: number | boolean | string; notice?: string } {
  if (spec.kind === 'boolean') {
    if (raw === true || raw === 'true' || raw === '1') return { value: true };
    if (raw === false || raw === 'false' || raw === '0') return { value: false };
    return { value: fallback, notice: `${spec.label}: ${quoteRaw(raw)} is not on or off; using ${fallback ? 'on' : 'off'}.` };
  }
  if (spec.kind === 'choice') {
    const choice = spec.choices?.find((option) => option.value === raw);
    if (choice) return { value: choice.value };
    return {
      value: fallback,
      notice: `${spec.label}: ${quoteRaw(raw)} is not one of ${spec.choices?.map((o) => o.label).join(', ')}; using ${String(fallback)}.`,
    };
  }
  const text = String(raw).trim();
  const number = typeof raw === 'number' ? raw : Number(text);
  if (text === '' || !Number.isFinite(number)) {
    return { value: fallback, notice: `${spec.label}: ${quoteRaw(raw)} is not a number; using ${String(fallback)}.` };
  }
  const notation = typeof raw === 'number' ? undefined : unusualNotation(text);
  const read = notation ? `${spec.label}: ${quoteRaw(text)} is ${notation}; read as ${readAs(number)}.` : undefined;
  const min = spec.min ?? -Infinity;
  const max = maximum(spec, backend) ?? Infinity;
  let value = spec.kind === 'number' ? number : Math.round(number);
  if (spec.kind === 'power-of-two') value = 2 ** Math.round(Math.log2(Math.max(1, value)));
  const clamped = Math.min(max, Math.max(min, value));
  if (clamped !== number) {
    const cpuBound = backend === 'cpu' && spec.cpuMax !== undefined && number > spec.cpuMax;
    const why =
      number < min
        ? `below the minimum ${min}`
        : cpuBound
          ? `above the CPU path's maximum ${max} (WebGPU goes to ${spec.max})`
          : number > max
            ? `above the maximum ${max}`
            : spec.kind === 'power-of-two'
              ? 'not a power of two'
              : 'not a whole number';
    const subject = read ? `${read.slice(0, -1)}, which` : `${spec.label}: ${formatRaw(number)}`;
    return { value: clamped, notice: `${subject} is ${why}; using ${clamped}.` };
  }
  return read ? { value: clamped, notice: read } : { value: clamped };
}

/**
 * Values held to a backend's bounds, a CPU maximum (`cpuMax`) where the spec has one: what a run
 * on that backend measures and what its estimate reads, with a notice for each value lowered.
 */
export function limitParams<Values extends ParamValues>(
  specs: readonly ParamSpec[],
  values: Values,
  backend: BackendKind,
): { values: Values; notices: ParamNotice[] } {
  const limited: ParamValues = { ...values };
  const notices: ParamNotice[] = [];
  for (const spec of specs) {
    const value = values[spec.key];
    const max = maximum(spec, backend);
    if (typeof value !== 'number' || max === undefined || value <= max) continue;
    const { value: held, notice } = clampParam(spec, value, max, backend);
    limited[spec.key] = held;
    if (notice) notices.push({ key: spec.key, message: notice });
  }
  return { values: limited as Values, notices };
}

/** Reads every parameter of an experiment from URL search params. */
export function readParams(
  experiment: string,
  specs: readonly ParamSpec[],
  search: URLSearchParams,
  backend: BackendKind,
): { values: ParamValues; notices: ParamNotice[] } {
  const base = defaults(specs, backend);
  const notices: ParamNotice[] = [];
  const values: ParamValues = { ...base };
  for (const spec of specs) {
    const given = search.getAll(urlKey(experiment, spec.key));
    if (given.length === 0) continue;
    // The first value wins, as URLSearchParams.get reads it; the others are named, not dropped silently.
    const raw = given[0]!;
    const { value, notice } = clampParam(spec, raw, base[spec.key]!, backend);
    values[spec.key] = value;
    const repeated =
      given.length > 1 ? `${spec.label}: the link gives it ${given.length} times (${given.map(quoteRaw).join(', ')}); using the first.` : undefined;
    const message = [repeated, notice].filter(Boolean).join(' ');
    if (message) notices.push({ key: spec.key, message });
  }
  return { values, notices };
}

/** Writes an experiment's parameters into URL search params, leaving others alone. */
export function writeParams(experiment: string, values: ParamValues, search: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const [key, value] of Object.entries(values)) next.set(urlKey(experiment, key), String(value));
  return next;
}

/** How a value given in another notation reads in plain decimal. */
function readAs(value: number): string {
  return Math.abs(value) < 1e21 ? value.toLocaleString('en-US', { maximumFractionDigits: 6 }) : value.toExponential(2);
}

function formatRaw(value: number): string {
  return Math.abs(value) >= 1e6 ? value.toExponential(2) : String(value);
}
