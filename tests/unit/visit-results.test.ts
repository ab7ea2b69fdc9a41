/** The visit's results for the summary chapter: headline, verdict and sentences kept; anything else unreadable is ignored. */
import { describe, expect, test } from 'vitest';
import { MAX_STORED_ROWS_CHARS, loadResult, saveResult, type VisitResult } from '../../src/experiments/visit-results';

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
  rows: [{ series: 'Self-attention layer (Q, K, V and output projections)', T: 1, medianMs: 0.5, timing: 'wall clock', samplesMs: [0.5, 0.6] }],
  rowsDropped: false,
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

  test('rows too large for the cap are left out, and the rest of the result is kept', () => {
    const storage = memoryStorage();
    const big = Array.from({ length: MAX_STORED_ROWS_CHARS / 20 }, (_, T) => ({ series: 'RNN step', T, medianMs: 1 }));
    saveResult('streaming', { ...RESULT, rows: big }, storage);
    expect(loadResult('streaming', storage)).toEqual({ ...RESULT, rows: [], rowsDropped: true });
  });

  test('storage too full for the rows still keeps the sentences', () => {
    const items = new Map<string, string>();
    const smallOnly = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => {
        if (value.includes('"medianMs"')) throw new Error('QuotaExceededError');
        items.set(key, value);
      },
    };
    saveResult('parallelism', RESULT, smallOnly);
    expect(loadResult('parallelism', smallOnly)).toEqual({ ...RESULT, rows: [], rowsDropped: true });
  });

  test('a result saved before rows were kept loads with none, and unreadable rows are dropped', () => {
    const storage = memoryStorage();
    const { rows: _rows, rowsDropped: _dropped, ...older } = RESULT;
    storage.setItem('experiment-result:older', JSON.stringify(older));
    expect(loadResult('older', storage)).toEqual({ ...RESULT, rows: [], rowsDropped: false });
    const rows = [RESULT.rows[0], null, 'row', [1], { T: 1 }, { series: 'x', nested: { a: 1 } }, { series: 'x', samplesMs: ['1'] }];
    storage.setItem('experiment-result:mixed', JSON.stringify({ ...RESULT, rows, parameters: [1] }));
    expect(loadResult('mixed', storage)).toEqual({ ...RESULT, parameters: {} });
    storage.setItem('experiment-result:notarray', JSON.stringify({ ...RESULT, rows: { series: 'x' } }));
    expect(loadResult('notarray', storage)?.rows).toEqual([]);
  });
});
