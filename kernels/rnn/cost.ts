/**
 * The Elman RNN's counted work: the one home of these formulas for the lesson's
 * numbers, the experiments, the calculators and the bench. The tanh is not counted.
 */
import type { RnnShape } from './reference';

/** Multiply-adds in one step h_t = tanh(W_hh h_{t−1} + W_xh x_t + b): a d×d and a d×d_in matrix–vector product. */
export function rnnStepMacs(hidden: number, input: number = hidden): number {
  return hidden * hidden + hidden * input;
}

/** FLOPs of a forward pass over T steps: two per multiply-add. */
export function rnnForwardFlops({ steps, hidden, input }: RnnShape): number {
  return 2 * steps * rnnStepMacs(hidden, input);
}

/** FLOPs, bytes read (both weight matrices, the input, the state and the bias) and state bytes of one step of width d with input width d. */
export function rnnStepWork(width: number): { flops: number; bytesRead: number; stateBytes: number } {
  return { flops: rnnForwardFlops({ steps: 1, hidden: width, input: width }), bytesRead: 4 * (2 * width * width + 3 * width), stateBytes: 4 * width };
}

/** Bytes of one fp32 forward pass: both weight matrices, the bias, the T inputs and the T+1 states. */
export function rnnForwardBytes({ steps, hidden, input }: RnnShape): number {
  return 4 * (hidden * hidden + hidden * input + hidden + steps * input + (steps + 1) * hidden);
}
