/** The training family's cost formulas, against counts by hand at tiny sizes and against the dispatches the WebGPU graph records. */
import { describe, expect, test } from 'vitest';
import { attentionForwardCost, evaluationCost, lstmForwardCost, trainingStepCost } from '../../kernels/train/cost';
import { matchWidths } from '../../kernels/train/models';

describe('FLOPs by hand', () => {
  test('LSTM forward, h = 1, one sequence of 2 tokens, 2 classes', () => {
    // rows 2: embedding 2·2·1 = 4; input projection 2·2·1·4 + 2·4 = 24; recurrence 2·2·4·1 = 16; cells 2·10 = 20;
    // readout 2·2·1·2 + 2·2 = 12; cross-entropy 5·2·2 = 20.
    expect(lstmForwardCost(1, 1, 2, 2)).toEqual({ flops: 4 + 24 + 16 + 20 + 12 + 20, dispatches: 6 });
  });

  test('attention forward, d = 2, one head, one sequence of 2 tokens, 2 classes', () => {
    // rows 2: embedding 3·2·2 = 12; qkv 2·2·2·6 + 2·6 = 60; pairs 1·1·2·3/2 = 3, each 2·2 + 4 + 2·2 = 12: 36;
    // output 2·2·2·2 + 2·2 = 20; residual 4; readout 2·2·2·2 + 2·2 = 20; cross-entropy 20.
    expect(attentionForwardCost(2, 1, 1, 2, 2)).toEqual({ flops: 12 + 60 + 36 + 20 + 4 + 20 + 20, dispatches: 6 });
  });

  test('the attention part grows with the square of the length, the LSTM part linearly', () => {
    const [short, long] = [attentionForwardCost(16, 2, 4, 64, 2).flops, attentionForwardCost(16, 2, 4, 128, 2).flops];
    expect(long / short).toBeGreaterThan(2.5);
    const [lstmShort, lstmLong] = [lstmForwardCost(16, 4, 64, 2).flops, lstmForwardCost(16, 4, 128, 2).flops];
    expect(lstmLong / lstmShort).toBeCloseTo(2, 6);
  });
});

describe('a step and an evaluation', () => {
  const widths = matchWidths({ vocab: 24, classes: 8 }, 16, 2);

  test('a step costs more than three forward passes (backward is about twice the forward) plus Adam, in two submits', () => {
    const step = trainingStepCost(widths, 8, 20, 8, 2);
    const forward = evaluationCost(widths, 8, 20, 8, 2);
    expect(step.flops).toBeGreaterThan(2.5 * forward.flops);
    expect(step.flops).toBeLessThan(3.5 * forward.flops + 10 * (widths.lstm.parameters + widths.attention.parameters) + 1);
    expect(step.submits).toBe(2);
    expect(forward.submits).toBe(2);
  });

  test('dispatches: the LSTM records two per position (forward and back), attention a fixed number', () => {
    // LSTM: 4 + L forward, 6 + L backward, Adam; attention: 6 forward, 9 backward, Adam (kernels/train/gpu.ts).
    expect(trainingStepCost(widths, 8, 20, 8, 2).dispatches).toBe(4 + 20 + 6 + 20 + 1 + (6 + 9 + 1));
    expect(evaluationCost(widths, 8, 20, 8, 2).dispatches).toBe(4 + 20 + 6);
  });

  test('bytes include four copies of every parameter', () => {
    expect(trainingStepCost(widths, 1, 1, 8, 2).bytes).toBeGreaterThan(16 * (widths.lstm.parameters + widths.attention.parameters));
  });
});
