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
import { resultChecksum } from './result-checksum';
import { adapterClass } from '../../kernels/runtime/adapter-class';
import type { AdapterSummary } from '../../kernels/runtime/device';

export { LESSON_VERSION };

/** The layout of a result file; raised when a field changes meaning. */
export const RESULT_FORMAT = 1;

/**
 * What kind of device ran it: a software adapter on the CPU, an integrated or a discrete GPU, a GPU whose
 * class no one stated (WebGPU does not say), or the CPU reference.
 */
export type DeviceClass = 'cpu-adapter' | 'integrated-gpu' | 'discrete-gpu' | 'gpu' | 'cpu-reference';

export const DEVICE_CLASS_LABELS: Record<DeviceClass, string> = {
  'cpu-adapter': 'CPU adapter (software)',
  'integrated-gpu': 'integrated GPU',
  'discrete-gpu': 'discrete GPU',
  gpu: 'GPU, class not stated',
  'cpu-reference': 'CPU reference, no WebGPU',
};

/** The device a result was measured on, as far as the adapter says. */
export interface ResultDevice {
  class: DeviceClass;
  /** How the class was decided (what the adapter reported, or who stated it); absent in files written before it was recorded. */
  classSource?: string;
  vendor: string;
  architecture: string;
  description: string;
  /** What ran the kernels: "Dawn in Node" (the command) or the browser's user agent (the page). */
  runner: string;
}

/** The classes `npm run experiment -- … --device-class` takes, and the class each names. */
export const STATED_DEVICE_CLASSES = { cpu: 'cpu-adapter', integrated: 'integrated-gpu', discrete: 'discrete-gpu' } as const satisfies Record<
  string,
  DeviceClass
>;
export type StatedDeviceClass = keyof typeof STATED_DEVICE_CLASSES;

export const isStatedDeviceClass = (value: string): value is StatedDeviceClass => Object.hasOwn(STATED_DEVICE_CLASSES, value);

/**
 * What an adapter reports about itself. `type` is not in the WebGPU spec: Chromium adds it ("discrete GPU",
 * "integrated GPU", "CPU") only with its WebGPU developer features on, and the webgpu package (Dawn in
 * Node, 0.6.2) does not expose it, so it is read only where present.
 */
export interface AdapterReport extends AdapterSummary {
  type?: string;
}

/** A device class and how it was decided, or why the stated class contradicts the adapter. */
export type DeviceClassDecision = { class: DeviceClass; classSource: string } | { error: string };

/** The class the adapter itself reports, if it reports one: its `type`, else a software adapter (isFallbackAdapter or a software renderer's name). */
export function reportedDeviceClass(adapter: AdapterReport): { class: DeviceClass; classSource: string } | undefined {
  const type = adapter.type?.trim() ?? '';
  const fromType: DeviceClass | undefined = /discrete/i.test(type)
    ? 'discrete-gpu'
    : /integrated/i.test(type)
      ? 'integrated-gpu'
      : /^cpu$/i.test(type)
        ? 'cpu-adapter'
        : undefined;
  if (fromType) return { class: fromType, classSource: `the adapter's type, “${type}”` };
  if (adapter.isFallbackAdapter) return { class: 'cpu-adapter', classSource: 'the adapter reports isFallbackAdapter (a software adapter)' };
  if (adapterClass(adapter) === 'cpu')
    return { class: 'cpu-adapter', classSource: `the adapter names a software renderer (${adapter.architecture || adapter.description})` };
  return undefined;
}

/**
 * The device class of a result: what the adapter reports, else what the person running it stated, else
 * "not stated". A stated class that contradicts what the adapter reports is refused, not recorded.
 */
export function decideDeviceClass(adapter: AdapterReport, stated?: StatedDeviceClass): DeviceClassDecision {
  const reported = reportedDeviceClass(adapter);
  if (reported && stated && STATED_DEVICE_CLASSES[stated] !== reported.class) {
    return {
      error: `--device-class ${stated} contradicts the adapter: ${reported.classSource}, so it is a ${DEVICE_CLASS_LABELS[reported.class]}. Leave out --device-class, or pick the adapter you mean with --adapter.`,
    };
  }
  if (reported) return stated ? { ...reported, classSource: `${reported.classSource}, as stated with --device-class` } : reported;
  if (stated) return { class: STATED_DEVICE_CLASSES[stated], classSource: 'stated with --device-class (the adapter does not say)' };
  return { class: 'gpu', classSource: 'not stated: the adapter does not say whether the GPU is integrated or discrete' };
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
  /** SHA-256 of the canonical JSON of what checksummedPart() picks (result-checksum.ts). */
  checksum: string;
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

/**
 * The device of a page's run, from its describeBackend() line ("WebGPU on <vendor> <architecture>", with
 * " (a software adapter running on the CPU)" where the adapter reported isFallbackAdapter) and the browser.
 * The browser does not say whether a GPU is integrated or discrete, so a GPU's class is "not stated".
 */
export function pageDevice(line: string, runner: string): ResultDevice {
  if (!line || line.startsWith('CPU reference')) {
    return { class: 'cpu-reference', classSource: 'the page ran its CPU reference', vendor: '', architecture: '', description: line, runner };
  }
  const adapter = /^WebGPU on (\S+) (\S+)/.exec(line);
  const vendor = adapter?.[1] ?? '';
  const architecture = adapter?.[2] ?? '';
  const { class: deviceClass, classSource } = reportedDeviceClass({
    vendor,
    architecture,
    description: '',
    isFallbackAdapter: line.includes('(a software adapter running on the CPU)'),
  }) ?? { class: 'gpu', classSource: 'not stated: the browser does not say whether the GPU is integrated or discrete' };
  return { class: deviceClass, classSource, vendor, architecture, description: line, runner };
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
  return {
    experiment: name,
    parameters: values,
    backend: backendLine?.backend,
    limits: backendLine?.limits,
    device: pageDevice(backendLine?.backend ?? '', globalThis.navigator?.userAgent ?? 'unknown browser'),
    deviceConstants: constants,
    summary,
    date: new Date().toISOString(),
    rows,
  };
}
