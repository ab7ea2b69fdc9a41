/**
 * `npm run experiment -- <name> [--<param> <value>…] [--adapter NAME] [--device-class cpu|integrated|discrete] [--cpu] [--out FILE] [--list]`:
 * one experiment's sweep through Dawn in Node, with the page's own definition,
 * parameter reading (the URL parameters' messages), estimate and runner. It prints
 * the table, the summary and a progress line; with --out it writes the result file
 * the page's "Copy as JSON" gives (src/experiments/result-file.ts).
 * scripts/experiment.mjs bundles this file with esbuild and runs it.
 */
import { writeFile } from 'node:fs/promises';
import { experiments, isExperimentName, type ExperimentName } from '../experiments/registry';
import { VERDICT_LABELS, type AnyExperimentDefinition, type ExperimentRow, type Verdict } from '../experiments/shared/definition';
import { limitParams, readParams, urlKey, type ParamSpec, type ParamValues } from '../experiments/params';
import { largestBindable, largestThatFits, refusalReason, type EstimateBackend } from '../experiments/shared/estimate';
import { runExperiment, type RunEvent } from '../experiments/runner';
import { deviceConstants } from '../experiments/device-estimate';
import {
  decideDeviceClass,
  DEVICE_CLASS_LABELS,
  isStatedDeviceClass,
  resultFileText,
  STATED_DEVICE_CLASSES,
  type ResultDevice,
  type ResultSummary,
  type StatedDeviceClass,
} from '../experiments/result-file';
import type { DeviceConstants } from '../../kernels/runtime';
import { formatBytes, formatDuration } from '../utils/format';

/** Exit statuses: a usage mistake, a run that failed, and no adapter (the launcher retries on SwiftShader). */
export const EXIT_USAGE = 2;
export const EXIT_RUN_FAILED = 1;
export const EXIT_NO_ADAPTER = 3;

export class UsageError extends Error {}

export interface CliOptions {
  name?: string;
  list: boolean;
  help: boolean;
  cpu: boolean;
  adapter?: string;
  /** What the person running it says the device is; WebGPU does not say whether a GPU is integrated or discrete. */
  deviceClass?: StatedDeviceClass;
  out?: string;
  /** Parameter values as given, by key. */
  raw: Map<string, string>;
}

export const USAGE =
  'Usage: npm run experiment -- <name> [--<parameter> <value>…] [--adapter NAME] [--device-class cpu|integrated|discrete] [--cpu] [--out FILE]\n' +
  '       npm run experiment -- --list';

/** Reads the command line; throws UsageError with a sentence for anything it cannot read. */
export function parseArguments(argv: readonly string[]): CliOptions {
  const options: CliOptions = { list: false, help: false, cpu: false, raw: new Map() };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (!argument.startsWith('--')) {
      if (options.name !== undefined) throw new UsageError(`One experiment at a time: got “${options.name}” and “${argument}”.`);
      options.name = argument;
      continue;
    }
    const [flag, inline] = argument.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === 'list') options.list = true;
    else if (flag === 'help') options.help = true;
    else if (flag === 'cpu') options.cpu = true;
    else {
      const value = inline ?? argv[index + 1];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${flag} needs a value.`);
      if (inline === undefined) index += 1;
      if (flag === 'adapter') options.adapter = value;
      else if (flag === 'device-class') {
        if (!isStatedDeviceClass(value)) {
          throw new UsageError(
            `--device-class takes ${Object.keys(STATED_DEVICE_CLASSES).join(', ')} (a software adapter on the CPU, an integrated GPU, a discrete GPU); got “${value}”.`,
          );
        }
        options.deviceClass = value;
      } else if (flag === 'out') options.out = value;
      else {
        if (options.raw.has(flag)) throw new UsageError(`--${flag} is given twice.`);
        options.raw.set(flag, value);
      }
    }
  }
  return options;
}

function describeSpec(spec: ParamSpec): string {
  const range =
    spec.kind === 'boolean'
      ? 'true or false'
      : spec.kind === 'choice'
        ? (spec.choices ?? []).map((choice) => choice.value).join(' | ')
        : `${spec.kind === 'power-of-two' ? 'a power of two, ' : spec.kind === 'number' ? 'a number, ' : 'a whole number, '}${spec.min ?? '…'} to ${spec.max ?? '…'}${
            spec.cpuMax !== undefined ? ` (CPU path up to ${spec.cpuMax})` : ''
          }`;
  const cpuDefault = spec.cpuDefault !== undefined ? `, ${String(spec.cpuDefault)} with --cpu` : '';
  return `    --${spec.key.padEnd(16)} ${spec.label}: ${range}; default ${String(spec.defaultValue)}${cpuDefault}`;
}

/** The experiments and their parameters, as --list prints them. */
export function listText(): string {
  return Object.entries(experiments as Record<string, AnyExperimentDefinition>)
    .map(([name, definition]) => [`${name}: ${definition.title} (chapter ${definition.chapter})`, ...definition.params.map(describeSpec)].join('\n'))
    .join('\n\n');
}

/**
 * The parameters for a run, read exactly as the page reads its URL parameters; where the
 * page would show a notice and fall back or clamp, the command stops with the same sentence.
 */
export function resolveParams(name: ExperimentName, raw: ReadonlyMap<string, string>, backend: 'webgpu' | 'cpu'): ParamValues {
  const definition = experiments[name] as AnyExperimentDefinition;
  const specs = definition.params as ParamSpec[];
  const known = new Set(specs.map((spec) => spec.key));
  const unknown = [...raw.keys()].filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new UsageError(
      `${unknown.map((key) => `--${key}`).join(', ')}: not a parameter of ${name}. Its parameters are ${specs.map((spec) => `--${spec.key}`).join(', ')}.`,
    );
  }
  const search = new URLSearchParams([...raw].map(([key, value]) => [urlKey(name, key), value]));
  const { values, notices } = readParams(name, specs, search, backend);
  if (notices.length > 0)
    throw new UsageError(`${notices.map((notice) => notice.message).join('\n')}\nNothing was run: give values the page would take as they are.`);
  return values;
}

/** The headline and verdict, from either summary shape (a list of sentences, or a headline with a verdict). */
export function summaryLines(summary: ResultSummary | undefined): string[] {
  if (!summary) return [];
  if (Array.isArray(summary)) return summary;
  const label = summary.verdict && (Object.hasOwn(VERDICT_LABELS, summary.verdict) ? VERDICT_LABELS[summary.verdict as Verdict] : summary.verdict);
  return [label ? `${summary.headline} [${label}]` : summary.headline, ...(summary.sentences ?? [])];
}

/** The rows as an aligned text table, through the definition's own columns and formats. */
export function tableText(definition: AnyExperimentDefinition, rows: readonly ExperimentRow[]): string {
  const tables = definition.tables
    ? definition.tables.map((table) => ({ caption: table.caption, rows: table.select(rows) as ExperimentRow[], columns: table.columns }))
    : [{ caption: definition.caption, rows: [...rows], columns: definition.columns }];
  return tables
    .map(({ caption, rows: tableRows, columns }) => {
      const cells = [
        columns.map((column) => column.label),
        ...tableRows.map((row) => columns.map((column) => (column.format ? column.format(row[column.key] as never, row) : String(row[column.key] ?? '')))),
      ];
      const widths = columns.map((_, index) => Math.max(...cells.map((line) => line[index]!.length)));
      return [
        caption,
        ...cells.map((line) =>
          line
            .map((cell, index) => cell.padEnd(widths[index]!))
            .join('  ')
            .trimEnd(),
        ),
      ].join('\n');
    })
    .join('\n\n');
}

interface DawnAdapter {
  gpu: GPU;
  info: GPUAdapterInfo;
}

/** Dawn's instance lives for the whole process: collected early, it aborts Node. */
let dawn: GPU | undefined;

async function openDawn(adapterName: string | undefined): Promise<DawnAdapter | undefined> {
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  try {
    dawn = create(adapterName ? [`adapter=${adapterName}`] : []) as unknown as GPU;
  } catch (error) {
    throw new UsageError(`No adapter named “${adapterName}”. ${error instanceof Error ? error.message : String(error)}`);
  }
  const adapter = await dawn.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
  if (!adapter) return undefined;
  // The runtime, the runner and the estimate ask navigator.gpu, as in a page.
  Object.defineProperty(globalThis.navigator, 'gpu', { value: dawn, configurable: true });
  return { gpu: dawn, info: adapter.info };
}

/** The result file's device: Dawn's adapter info, with its class decided from what the adapter reports or what was stated (decideDeviceClass). */
function deviceOf(info: GPUAdapterInfo | undefined, stated: StatedDeviceClass | undefined): ResultDevice | { error: string } {
  if (!info) {
    return {
      class: 'cpu-reference',
      classSource: 'the command ran the CPU reference (--cpu)',
      vendor: '',
      architecture: '',
      description: 'CPU reference, no WebGPU',
      runner: `Node ${process.versions.node}`,
    };
  }
  const report = {
    vendor: info.vendor || 'unknown vendor',
    architecture: info.architecture || 'unknown architecture',
    description: info.description ?? '',
    isFallbackAdapter: Boolean((info as { isFallbackAdapter?: boolean }).isFallbackAdapter),
    type: (info as { type?: unknown }).type as string | undefined,
  };
  const decision = decideDeviceClass(report, stated);
  if ('error' in decision) return decision;
  return {
    ...decision,
    vendor: report.vendor,
    architecture: report.architecture,
    description: report.description,
    runner: `Dawn in Node ${process.versions.node} (webgpu package)`,
  };
}

function progressReporter(): (done: number, total: number, label: string) => void {
  let last = 0;
  return (done, total, label) => {
    const line = `[${done}/${total}] ${label}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line.slice(0, (process.stderr.columns || 80) - 1).padEnd((process.stderr.columns || 80) - 1)}`);
    else if (Date.now() - last > 2000 || done === total) {
      last = Date.now();
      process.stderr.write(`${line}\n`);
    }
  };
}

/** Runs the command; returns the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArguments(argv);
    if (options.help) {
      console.log(`${USAGE}\n\nExperiments:\n\n${listText()}`);
      return 0;
    }
    if (options.list) {
      console.log(listText());
      return 0;
    }
    if (!options.name) throw new UsageError(`Name an experiment: ${Object.keys(experiments).join(', ')}.\n${USAGE}`);
    if (!isExperimentName(options.name)) {
      throw new UsageError(`No experiment named “${options.name}”. The experiments are ${Object.keys(experiments).join(', ')} (npm run experiment -- --list).`);
    }
    if (options.cpu && options.adapter) throw new UsageError('--cpu runs the CPU reference, which has no adapter: give --cpu or --adapter, not both.');
    if (options.cpu && options.deviceClass)
      throw new UsageError('--cpu runs the CPU reference, which has no adapter to class: give --cpu or --device-class, not both.');
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return EXIT_USAGE;
    }
    throw error;
  }
  const name = options.name;
  const definition = experiments[name] as AnyExperimentDefinition;
  const backend = options.cpu ? 'cpu' : 'webgpu';
  let values: ParamValues;
  try {
    values = resolveParams(name, options.raw, backend);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return EXIT_USAGE;
    }
    throw error;
  }

  let adapter: DawnAdapter | undefined;
  if (!options.cpu) {
    try {
      adapter = await openDawn(options.adapter);
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      return EXIT_USAGE;
    }
    if (!adapter) {
      console.error(
        options.adapter
          ? `No adapter named “${options.adapter}” through Dawn${process.env.VK_ICD_FILENAMES ? ` with VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES}` : ''}. Give part of the name Dawn reports (the runs' "Runs on WebGPU on …" line shows it), or leave out --adapter for Dawn's first adapter.`
          : 'No WebGPU adapter through Dawn: no GPU driver and no Vulkan driver (ICD) that Dawn can use here.',
      );
      return EXIT_NO_ADAPTER;
    }
  }
  // The class is settled before the run, so a stated class the adapter contradicts costs no measurement.
  const device = deviceOf(adapter?.info, options.deviceClass);
  if ('error' in device) {
    console.error(device.error);
    return EXIT_USAGE;
  }
  // As the page: this device's constants measured once, its estimate of the run held to the path's maxima, and a run refused
  // before it starts where its largest buffer is past what the device binds, naming the largest size that fits.
  const page = options.cpu ? undefined : await deviceConstants();
  const constants: DeviceConstants = page ? page.device : { kind: 'cpu' };
  const estimateBackend: EstimateBackend = page ? { kind: 'webgpu', device: page.device, startupMs: page.startupMs } : { kind: 'cpu' };
  const estimate = definition.estimate(limitParams(definition.params, values, backend).values, estimateBackend);
  const refusal = refusalReason(estimate, estimateBackend);
  if (refusal && estimateBackend.kind === 'webgpu') {
    const limit = largestBindable(estimateBackend.device);
    const fit = largestThatFits(
      definition.params,
      values,
      (candidate) => definition.estimate(candidate, estimateBackend),
      (candidate) => candidate.largestBuffer <= limit,
    );
    console.error(`${refusal}${fit ? ` Largest that fits: ${fit.spec.label} ${fit.value} (--${fit.spec.key} ${fit.value}).` : ''}`);
    return EXIT_RUN_FAILED;
  }
  console.log(`${definition.title} (${name}), parameters ${JSON.stringify(values)}`);
  console.log(`Estimated time ${formatDuration(estimate.ms)}, peak memory ${formatBytes(estimate.peakBytes)} (the page's estimate).`);

  const rows: ExperimentRow[] = [];
  let started: { backend: string; limits: string } | undefined;
  let measured: DeviceConstants | undefined;
  let failure: string | undefined;
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  const progress = progressReporter();
  const onEvent = (event: RunEvent) => {
    switch (event.type) {
      case 'started':
        started = event;
        console.log(`Runs on ${event.backend}. Limits: ${event.limits}.`);
        console.log(`Device class: ${DEVICE_CLASS_LABELS[device.class]} (${device.classSource}).`);
        if (device.class === 'gpu') console.log('Give --device-class integrated or --device-class discrete to record which.');
        return;
      case 'progress':
        progress(event.done, event.total, event.label);
        return;
      case 'row':
        rows.push(event.row);
        return;
      case 'constants':
        measured = event.constants;
        return;
      case 'notice':
        console.error(`Notice: ${event.message}`);
        return;
      case 'error':
        failure = event.message;
        return;
      case 'done':
        return;
    }
  };
  const begun = performance.now();
  await runExperiment({ experiment: name, params: values, backend, constants }, controller.signal, onEvent);
  process.off('SIGINT', interrupt);
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (failure) {
    console.error(`The run failed: ${failure}`);
    return EXIT_RUN_FAILED;
  }
  const summary = (await definition.summarize())(rows, values, measured) as ResultSummary;
  console.log(`\n${tableText(definition, rows)}\n`);
  for (const line of summaryLines(summary)) console.log(line);
  console.log(`\nMeasured in ${formatDuration(performance.now() - begun)}.`);
  if (options.out) {
    const text = await resultFileText({
      experiment: name,
      parameters: values,
      backend: started?.backend,
      limits: started?.limits,
      device,
      deviceConstants: measured,
      summary,
      date: new Date().toISOString(),
      rows,
    });
    await writeFile(options.out, text);
    console.log(`Wrote ${options.out}.`);
  }
  return 0;
}
