/** The visit's results for the summary chapter: headline, verdict and sentences kept; anything else unreadable is ignored. */
import { describe, expect, test } from 'vitest';
import { loadResult, saveResult, type VisitResult } from '../../src/experiments/visit-results';

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

const RESULT: VisitResult = {
  headline: 'At T = 512 the RNN took 37.4 ms and the attention layer 209 ms: on this device the chain was faster at every length.',
  verdict: 'contradicts',
  sentences: ['Every run is one sequence: batch size 1.'],
  details: ['RNN forward pass (T dependent steps): T = 512 took 66.2× as long as T = 1.'],
  backend: 'WebGPU on SwiftShader',
  parameters: { maxT: 512 },
  date: '2026-12-04T22:00:00.000Z',
};

describe('visit results', () => {
  test('a saved result loads back as it was', () => {
    const storage = memoryStorage();
    saveResult('parallelism', RESULT, storage);
    expect(loadResult('parallelism', storage)).toEqual(RESULT);
    expect(loadResult('scan', storage)).toBeUndefined();
  });

  test('a stored value of the old shape, an unknown verdict, or broken JSON is ignored', () => {
    const storage = memoryStorage();
    storage.setItem('experiment-result:old', JSON.stringify({ summary: ['a sentence'], backend: 'x' }));
    storage.setItem('experiment-result:verdict', JSON.stringify({ ...RESULT, verdict: 'proves' }));
    storage.setItem('experiment-result:broken', '{');
    for (const name of ['old', 'verdict', 'broken']) expect(loadResult(name, storage)).toBeUndefined();
  });

  test('storage that refuses to save loses nothing but this result', () => {
    const refusing = {
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => saveResult('parallelism', RESULT, refusing)).not.toThrow();
  });
});
