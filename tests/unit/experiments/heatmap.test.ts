/** The heatmaps both training experiments draw: grids from the newest evaluation's weight rows, and the answers beside them. */
import { describe, expect, test } from 'vitest';
import { recallHeatmap, type TrainingRow } from '../../../src/experiments/recall-training/definition';
import { stateHeatmap, type StateRow } from '../../../src/experiments/state-tracking/definition';
import { formatWeight } from '../../../src/islands/AttentionHeatmap';

const weight = (step: number, head: number, queryPosition: number, keyPosition: number, value: number): TrainingRow => ({
  measure: 'weights',
  series: 'example',
  step,
  head,
  queryPosition,
  keyPosition,
  queryToken: queryPosition === 3 ? 'k0' : 'x',
  keyToken: ['k0', 'v1', 'k0'][keyPosition - 1]!,
  weight: value,
});

describe('the recall heatmap', () => {
  test('the newest step only, one grid per head, queries down, every earlier token across, later ones masked', () => {
    const rows: TrainingRow[] = [
      weight(5, 1, 3, 1, 0.9),
      weight(5, 1, 3, 2, 0.05),
      weight(5, 1, 3, 3, 0.05),
      weight(10, 1, 3, 1, 0.1),
      weight(10, 1, 3, 2, 0.8),
      weight(10, 1, 3, 3, 0.1),
      weight(10, 2, 3, 1, 0.2),
      weight(10, 2, 3, 2, 0.2),
      weight(10, 2, 3, 3, 0.6),
      { measure: 'example', series: 'example', step: 10, query: 1, key: 'k0', rightValue: 'v1', lstmAnswer: 'v0', attentionAnswer: 'v1' },
    ];
    const heatmap = recallHeatmap(rows)!;
    expect(heatmap.grids.map((grid) => grid.title)).toEqual(['Head 1 of 2, after step 10', 'Head 2 of 2, after step 10']);
    expect(heatmap.grids[0]!.rowLabels).toEqual(['3 k0']);
    expect(heatmap.grids[0]!.columnLabels).toEqual(['1 k0', '2 v1', '3 k0']);
    expect(heatmap.grids[0]!.values).toEqual([[0.1, 0.8, 0.1]]);
    expect(heatmap.beside!.rows).toEqual([['1', 'k0', 'v1', 'v0', 'v1']]);
  });

  test('no weights yet, no heatmap', () => {
    expect(recallHeatmap([])).toBeUndefined();
  });
});

test('the state-tracking heatmap masks the cells after each query', () => {
  const rows: StateRow[] = [
    { measure: 'weights', series: 'example', step: 4, head: 1, queryPosition: 1, keyPosition: 1, queryToken: '1', keyToken: '1', weight: 1 },
    { measure: 'weights', series: 'example', step: 4, head: 1, queryPosition: 2, keyPosition: 1, queryToken: '0', keyToken: '1', weight: 0.25 },
    { measure: 'weights', series: 'example', step: 4, head: 1, queryPosition: 2, keyPosition: 2, queryToken: '0', keyToken: '0', weight: 0.75 },
  ];
  expect(stateHeatmap(rows)!.grids[0]!.values).toEqual([
    [1, undefined],
    [0.25, 0.75],
  ]);
});

test('weights print with two decimals and no leading zero', () => {
  expect([0, 0.054, 0.5, 0.996].map(formatWeight)).toEqual(['.00', '.05', '.50', '1']);
});
