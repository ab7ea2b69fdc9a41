/**
 * The contributed results under content/results/, read and checked at build time
 * (the "Results from other devices" page and results.json read them here). A file
 * that does not hold stops the build with every problem of every file, by name.
 * Node only: it reads the folder.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { experiments } from './registry';
import { VERDICT_LABELS, type AnyExperimentDefinition, type Verdict } from './shared/definition';
import { checkResultText } from './result-schema';
import { DEVICE_CLASS_LABELS, LESSON_VERSION, type ResultFile, type ResultSummary } from './result-file';
import { defaults } from './params';

/** Where contributed results live; RESULTS_DIR points the build (and the tests) at another folder. */
export const RESULTS_DIR = 'content/results';

export class ContributedResultsError extends Error {}

export interface ContributedResult {
  /** The file's name without .json: the result's id on the page. */
  id: string;
  file: ResultFile;
}

/** Every result file, checked; throws ContributedResultsError naming each file and field that does not hold. */
export async function loadContributedResults(dir = process.env.RESULTS_DIR || RESULTS_DIR): Promise<ContributedResult[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch {
    return [];
  }
  const checks = await Promise.all(
    names.map(async (name) => ({ name, check: await checkResultText(await readFile(join(dir, name), 'utf8'), join(dir, name), Object.keys(experiments)) })),
  );
  const errors = checks.flatMap(({ check }) => check.errors);
  if (errors.length > 0) {
    throw new ContributedResultsError(
      `${errors.length === 1 ? 'A contributed result does not' : 'Contributed results do not'} validate (see CONTRIBUTING.md, "Contributed results"):\n${errors.map((error) => `  - ${error}`).join('\n')}`,
    );
  }
  return checks.map(({ name, check }) => ({ id: name.replace(/\.json$/, ''), file: check.result! }));
}

/** A result as the comparison after a run and the results page show it: small, no rows. */
export interface ResultEntry {
  id: string;
  experiment: string;
  deviceClass: string;
  /** How the class was decided, where the file says (files written before it was recorded do not). */
  deviceClassSource?: string;
  adapter: string;
  runner: string;
  date: string;
  lessonVersion: string;
  /** Measured with a lesson older than this build's. */
  older: boolean;
  /** The parameters that differ from the page's defaults on that path, as `key value` text; empty at the defaults. */
  changedParameters: string[];
  headline: string;
  verdict?: string;
  sentences: string[];
}

function summaryParts(summary: ResultSummary | undefined): { headline: string; verdict?: string; sentences: string[] } {
  if (!summary) return { headline: '', sentences: [] };
  if (Array.isArray(summary)) return { headline: '', sentences: summary };
  return {
    headline: summary.headline,
    verdict: summary.verdict && (Object.hasOwn(VERDICT_LABELS, summary.verdict) ? VERDICT_LABELS[summary.verdict as Verdict] : summary.verdict),
    sentences: summary.sentences ?? [],
  };
}

/** Whether version `a` is older than `b` (major.minor.patch). */
export function olderVersion(a: string, b: string): boolean {
  const parts = (version: string) => version.split(/[.-]/).slice(0, 3).map(Number);
  const [pa, pb] = [parts(a), parts(b)];
  for (let index = 0; index < 3; index += 1) if ((pa[index] ?? 0) !== (pb[index] ?? 0)) return (pa[index] ?? 0) < (pb[index] ?? 0);
  return false;
}

export function resultEntry({ id, file }: ContributedResult, current = LESSON_VERSION): ResultEntry {
  const definition = experiments[file.experiment as keyof typeof experiments] as AnyExperimentDefinition;
  const base = defaults(definition.params, file.device?.class === 'cpu-reference' ? 'cpu' : 'webgpu');
  const changedParameters = Object.entries(file.parameters)
    .filter(([key, value]) => base[key] !== value)
    .map(([key, value]) => `${key} ${String(value)} (page default ${String(base[key])})`);
  return {
    id,
    experiment: file.experiment,
    deviceClass: DEVICE_CLASS_LABELS[file.device!.class],
    deviceClassSource: file.device!.classSource,
    adapter: [file.device!.vendor, file.device!.architecture, file.device!.description].filter(Boolean).join(' · '),
    runner: file.device!.runner,
    date: file.date.slice(0, 10),
    lessonVersion: file.lessonVersion,
    older: olderVersion(file.lessonVersion, current),
    changedParameters,
    ...summaryParts(file.summary),
  };
}
