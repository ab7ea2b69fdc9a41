/**
 * What this device's runs measured, kept so the next estimate uses it: for each experiment, path
 * and adapter, the time from Run to the run's start and the ratio of the rest of the run to the
 * work the estimate counted (shared/estimate.ts). Kept in localStorage, on this device only; a
 * stored value that is not a plausible measurement (hand-edited, from an older version, corrupt)
 * is ignored and removed, and the estimate falls back to its prior.
 */
import type { Measured } from './shared/estimate';

const VERSION = 1;
/** Ratios outside this range are not measurements of a finished run but a fault (a suspended tab, a clock jump). */
export const WORK_RATIO_RANGE: readonly [number, number] = [1 / 1000, 1000];
/** A start-up longer than this was not a start-up (a tab in the background, a debugger). */
export const LONGEST_STARTUP_MS = 120_000;
/** Runs shorter than this measure mostly noise in the ratio: only their start-up is kept. */
export const SHORTEST_MEASURED_WORK_MS = 200;

export interface Storage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function memoryKey(experiment: string, backend: 'cpu' | 'webgpu', adapter: string): string {
  return `lesson:estimate:v${VERSION}:${backend}:${adapter}:${experiment}`;
}

/** A stored measurement, or undefined where it is missing or not plausible. */
export function parseMeasured(raw: string | null): Measured | undefined {
  if (raw === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { version, startupMs, workRatio } = value as Record<string, unknown>;
  if (version !== VERSION) return undefined;
  if (typeof startupMs !== 'number' || !Number.isFinite(startupMs) || startupMs < 0 || startupMs > LONGEST_STARTUP_MS) return undefined;
  if (typeof workRatio !== 'number' || !Number.isFinite(workRatio) || workRatio < WORK_RATIO_RANGE[0] || workRatio > WORK_RATIO_RANGE[1]) return undefined;
  return { startupMs, workRatio };
}

/** What a finished run measured: its start-up, and its remaining time over the counted work; undefined where it measured nothing usable. */
export function measureRun(run: { totalMs: number; startupMs: number; countedWorkMs: number }, previous?: Measured): Measured | undefined {
  const { totalMs, startupMs, countedWorkMs } = run;
  if (![totalMs, startupMs, countedWorkMs].every(Number.isFinite) || startupMs < 0 || startupMs > LONGEST_STARTUP_MS || totalMs < startupMs) return undefined;
  const workMs = totalMs - startupMs;
  // A run too short to time its work keeps the ratio measured before it (or none: the prior's, 1).
  const workRatio = workMs >= SHORTEST_MEASURED_WORK_MS && countedWorkMs > 0 ? workMs / countedWorkMs : (previous?.workRatio ?? 1);
  if (workRatio < WORK_RATIO_RANGE[0] || workRatio > WORK_RATIO_RANGE[1]) return undefined;
  return { startupMs, workRatio };
}

/** This device's last measurement for the experiment on this path, or undefined (nothing stored, storage blocked, or a bad value, which is removed). */
export function readMeasured(storage: Storage | undefined, key: string): Measured | undefined {
  try {
    const raw = storage?.getItem(key) ?? null;
    const measured = parseMeasured(raw);
    if (raw !== null && !measured) storage?.removeItem(key);
    return measured;
  } catch {
    return undefined;
  }
}

export function writeMeasured(storage: Storage | undefined, key: string, measured: Measured): void {
  try {
    storage?.setItem(key, JSON.stringify({ version: VERSION, ...measured }));
  } catch {
    // Storage full or blocked: the next estimate uses the prior again.
  }
}

/** The page's localStorage where it can be reached (it throws in some sandboxed frames). */
export function pageStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
