import { describe, expect, test } from 'vitest';
import {
  LONGEST_STARTUP_MS,
  measureRun,
  memoryKey,
  parseMeasured,
  readMeasured,
  SHORTEST_MEASURED_WORK_MS,
  writeMeasured,
  type Storage,
} from '../../src/experiments/estimate-memory';

function memoryStorage(initial: Record<string, string> = {}): Storage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

describe('what a finished run measured', () => {
  test('its start-up, and the rest of its time over the work the estimate counted', () => {
    expect(measureRun({ totalMs: 10_300, startupMs: 300, countedWorkMs: 5000 })).toEqual({ startupMs: 300, workRatio: 2 });
    expect(measureRun({ totalMs: 1300, startupMs: 300, countedWorkMs: 4000 })).toEqual({ startupMs: 300, workRatio: 0.25 });
  });

  test('a run too short to time its work keeps only its start-up, with the ratio measured before it', () => {
    const short = { totalMs: 300 + SHORTEST_MEASURED_WORK_MS - 1, startupMs: 300, countedWorkMs: 10 };
    expect(measureRun(short)).toEqual({ startupMs: 300, workRatio: 1 });
    expect(measureRun(short, { startupMs: 900, workRatio: 4 })).toEqual({ startupMs: 300, workRatio: 4 });
  });

  test('no measurement from times that cannot be a run’s', () => {
    expect(measureRun({ totalMs: 100, startupMs: 200, countedWorkMs: 50 })).toBeUndefined();
    expect(measureRun({ totalMs: NaN, startupMs: 0, countedWorkMs: 50 })).toBeUndefined();
    expect(measureRun({ totalMs: 1e7, startupMs: LONGEST_STARTUP_MS + 1, countedWorkMs: 50 })).toBeUndefined();
    // A ratio of 100,000: a suspended tab, not a pace.
    expect(measureRun({ totalMs: 1e6, startupMs: 0, countedWorkMs: 10 })).toBeUndefined();
  });
});

describe('stored measurements', () => {
  const key = memoryKey('scan', 'webgpu', 'google swiftshader');

  test('are kept per experiment, path and adapter', () => {
    expect(key).toBe('lesson:estimate:v1:webgpu:google swiftshader:scan');
    expect(memoryKey('scan', 'cpu', 'this browser')).not.toBe(key);
  });

  test('round-trip through storage', () => {
    const storage = memoryStorage();
    writeMeasured(storage, key, { startupMs: 120, workRatio: 2.5 });
    expect(readMeasured(storage, key)).toEqual({ startupMs: 120, workRatio: 2.5 });
  });

  test('a bad stored value is ignored and removed, so the estimate falls back to its prior', () => {
    const bad = [
      'not json',
      'null',
      '42',
      '{"version":1,"startupMs":100}',
      '{"version":2,"startupMs":100,"workRatio":1}',
      '{"version":1,"startupMs":-5,"workRatio":1}',
      '{"version":1,"startupMs":100,"workRatio":0}',
      '{"version":1,"startupMs":100,"workRatio":1e9}',
      '{"version":1,"startupMs":"100","workRatio":1}',
      `{"version":1,"startupMs":${LONGEST_STARTUP_MS + 1},"workRatio":1}`,
    ];
    for (const raw of bad) {
      expect(parseMeasured(raw), raw).toBeUndefined();
      const storage = memoryStorage({ [key]: raw });
      expect(readMeasured(storage, key), raw).toBeUndefined();
      expect(storage.data.has(key), raw).toBe(false);
    }
    expect(parseMeasured(null)).toBeUndefined();
  });

  test('blocked or full storage loses nothing but the refinement', () => {
    const throwing: Storage = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => {},
    };
    expect(readMeasured(throwing, key)).toBeUndefined();
    expect(() => writeMeasured(throwing, key, { startupMs: 1, workRatio: 1 })).not.toThrow();
    expect(readMeasured(undefined, key)).toBeUndefined();
  });
});
