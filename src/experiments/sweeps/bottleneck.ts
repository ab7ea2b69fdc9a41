/** Sweep for experiment 2: recall accuracy of a fixed-size state and of attention at T = 8, 16, … */
import { recall } from '../../../kernels/recall/host';
import { recallInputs } from '../../../kernels/recall/reference';
import { ATTENTION_RECALL_SERIES, FIXED_STATE_SERIES } from '../definitions/names';
import type { Sweep, BottleneckParams, BottleneckRow } from '../definitions';
import { SEED, checkpoint, powersOfTwo } from './sweep-steps';
import { RECALL_EXPERIMENT } from '../../lesson/figures';

/** Keys and values are RECALL_EXPERIMENT.width wide; the fixed state sees them through a projection to √S dimensions. */
const { width: RECALL_WIDTH, questions: RECALL_QUESTIONS, shortestT } = RECALL_EXPERIMENT;

export const sweepBottleneck: Sweep<BottleneckParams, BottleneckRow> = async (context) => {
  const { backend, params, signal } = context;
  const stateSize = params.stateSize;
  const lengths = powersOfTwo(shortestT, params.maxT);
  const total = lengths.length * 2;
  let done = 0;
  for (const t of lengths) {
    const shape = { pairs: t, width: RECALL_WIDTH, queries: Math.min(t, RECALL_QUESTIONS) };
    const inputs = recallInputs(SEED, shape, stateSize);
    for (const [method, series, storedNumbers] of [
      ['fixed-state', FIXED_STATE_SERIES, inputs.stateSide ** 2],
      ['attention', ATTENTION_RECALL_SERIES, 2 * t * RECALL_WIDTH],
    ] as const) {
      checkpoint(signal);
      context.progress(done, total, `${series}, T = ${t}`);
      const result = await recall(backend, inputs, shape, method, { signal });
      context.emit({ series, T: t, accuracy: result.output.accuracy, questions: shape.queries, storedNumbers });
      done++;
    }
  }
  context.progress(total, total, 'done');
};
