/** Counted bytes moved, from the families' cost.ts, as the timed rows carry them for the roofline (see roofline.ts). */
import type { Traffic } from '../../../kernels/flash/cost';
import { rnnStepWork } from '../../../kernels/rnn/cost';
import type { RnnShape } from '../../../kernels/rnn/reference';

/** Bytes read and written, counted. */
export const trafficBytes = (traffic: Traffic) => traffic.readBytes + traffic.writtenBytes;

/** An RNN forward pass moves, every step, what one step reads and the state it writes (rnn/cost.ts). */
export function rnnForwardTraffic(shape: RnnShape): number {
  const step = rnnStepWork(shape.hidden);
  return shape.steps * (step.bytesRead + step.stateBytes);
}
