/**
 * One run's result as a file: what "Copy as JSON" copies on the page, what
 * `npm run experiment -- … --out FILE` writes, and what a contributed result
 * under content/results/ is. Built here once for all three, with the lesson's
 * version and a checksum of what was measured, so a number edited by hand no
 * longer matches. Pure apart from the digest (Web Crypto, in browsers and Node).
 */
import { version as LESSON_VERSION } from '../../package.json';
import type { ExperimentRow } from './shared/definition';
import type { ParamValues } from './params';

export { LESSON_VERSION };

/** The layout of a result file; raised when a field changes meaning. */
export const RESULT_FORMAT = 1;

/** What kind of device ran it: a software adapter on the CPU, a GPU (integrated or discrete where that is known), or the CPU reference. */
export type DeviceClass = 'cpu-adapter' | 'integrated-gpu' | 'discrete-gpu' | 'gpu' | 'cpu-reference';

export const DEVICE_CLASS_LABELS: Record<DeviceClass, string> = {
  'cpu-adapter': 'CPU adapter (software)',
  'integrated-gpu': 'integrated GPU',
  'discrete-gpu': 'discrete GPU',
  gpu: 'GPU (integrated or discrete not known)',
  'cpu-reference': 'CPU reference, no WebGPU',
};

/** The device a result was measured on, as far as the adapter says. */
export interface ResultDevice {
  class: DeviceClass;
  vendor: string;
  architecture: string;
  description: string;
  /** What ran the kernels: "Dawn in Node" (the command) or the browser's user agent (the page). */
  runner: string;
}

/** The summary as the experiment gave it: a headline with a verdict, or the older list of sentences. */
export type ResultSummary = { headline: string; verdict?: string; sentences?: string[]; details?: string[] } | string[];

export interface ResultInput {
  experiment: string;
  parameters: ParamValues;
  /** describeBackend()'s line and the limits the run had. */
  backend?: string;
  limits?: string;
  device?: ResultDevice;
  deviceConstants?: unknown;
  summary?: ResultSummary;
  date: string;
  rows: readonly ExperimentRow[];
}

export interface ResultFile extends Omit<ResultInput, 'rows'> {
  format: number;
  lessonVersion: string;
  rows: ExperimentRow[];
  /** SHA-256 of the canonical JSON of what checksummedPart() picks. */
  checksum: string;
}

/** JSON with object keys in sorted order, so the same values always give the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What the checksum covers: the experiment, its parameters, its rows, the device constants and the summary. */
export function checksummedPart(result: Pick<ResultInput, 'experiment' | 'parameters' | 'rows' | 'deviceConstants' | 'summary'>): unknown {
  return { experiment: result.experiment, parameters: result.parameters, rows: result.rows, deviceConstants: result.deviceConstants, summary: result.summary };
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export async function resultChecksum(result: Parameters<typeof checksummedPart>[0]): Promise<string> {
  return `sha256:${await sha256Hex(canonicalJson(checksummedPart(result)))}`;
}

/** The result file's object: the run's fields, the lesson's version and the checksum. */
export async function resultFile(input: ResultInput): Promise<ResultFile> {
  const file: Omit<ResultFile, 'checksum'> = {
    format: RESULT_FORMAT,
    lessonVersion: LESSON_VERSION,
    experiment: input.experiment,
    date: input.date,
    parameters: input.parameters,
    backend: input.backend,
    limits: input.limits,
    device: input.device,
    deviceConstants: input.deviceConstants,
    summary: input.summary,
    rows: [...input.rows],
  };
  return { ...file, checksum: await resultChecksum(file) };
}

/** The result file's text, as "Copy as JSON" copies it and `--out` writes it. */
export async function resultFileText(input: ResultInput): Promise<string> {
  return `${JSON.stringify(await resultFile(input), null, 2)}\n`;
}

/** The class a describeBackend() line and adapter description point to, where nothing better is known (the page). */
export function classFromBackendLine(backend: string | undefined): DeviceClass {
  if (!backend || backend.startsWith('CPU reference')) return 'cpu-reference';
  return /software adapter|swiftshader|llvmpipe|lavapipe|warp/i.test(backend) ? 'cpu-adapter' : 'gpu';
}

/** What the page knows after a run, as a result file's input: its device is read from the backend line and the browser. */
export function pageResult({
  name,
  values,
  backendLine,
  constants,
  summary,
  rows,
}: {
  name: string;
  values: ParamValues;
  backendLine?: { backend: string; limits: string };
  constants?: unknown;
  summary?: ResultSummary;
  rows: readonly ExperimentRow[];
}): ResultInput {
  const line = backendLine?.backend ?? '';
  const adapter = /^WebGPU on (\S+) (\S+)/.exec(line);
  return {
    experiment: name,
    parameters: values,
    backend: backendLine?.backend,
    limits: backendLine?.limits,
    device: {
      class: classFromBackendLine(backendLine?.backend),
      vendor: adapter?.[1] ?? '',
      architecture: adapter?.[2] ?? '',
      description: line,
      runner: globalThis.navigator?.userAgent ?? 'unknown browser',
    },
    deviceConstants: constants,
    summary,
    date: new Date().toISOString(),
    rows,
  };
}
