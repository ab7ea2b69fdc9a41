/** Series names shared by the sweeps that emit rows and the definitions that read them. */
import type { RnnVariant } from '../../../kernels/rnn/host';

export const RNN_SERIES = 'RNN forward pass (T dependent steps)';
export const RNN_SUBMIT_SERIES = 'RNN, one submit and wait per step';
export const RNN_SUBMIT_NO_WAIT_SERIES = 'RNN, one submit per step, no wait';
export const RNN_PERSISTENT_SERIES = 'RNN, one persistent workgroup';
/** Every RNN variant's series; the command buffer first, as the one the CPU path stands in for. */
export const RNN_VARIANT_SERIES = {
  'command-buffer': RNN_SERIES,
  'submit-per-step': RNN_SUBMIT_SERIES,
  'submit-per-step-no-wait': RNN_SUBMIT_NO_WAIT_SERIES,
  persistent: RNN_PERSISTENT_SERIES,
} as const satisfies Record<RnnVariant, string>;
export const ATTENTION_SERIES = 'Self-attention (materialised)';
export const ATTENTION_LAYER_SERIES = 'Self-attention layer (Q, K, V and output projections)';
export const FLASH_SERIES = 'Self-attention (tiled, online softmax)';
export const FIXED_STATE_SERIES = 'Fixed-size state (outer-product memory)';
export const ATTENTION_RECALL_SERIES = 'Attention over all T stored pairs';
export const TANH_GRADIENT_SERIES = 'tanh RNN, measured Jacobian product';
export const LSTM_CELL_GRADIENT_SERIES = 'LSTM cell, measured Jacobian product';
/** The constant-gate formula, a reference line: neither family, since it is no network. */
export const FORGET_GRADIENT_SERIES = 'Constant forget gate f^k (formula)';
export const ATTENTION_GRADIENT_SERIES = 'One causal attention layer, with positions';
export const RNN_STEP_SERIES = 'RNN step';
export const KV_STEP_SERIES = 'Transformer step with a KV cache';
export const SCAN_LOOP_SERIES = 'Linear recurrence, sequential loop';
export const SCAN_CHUNKED_SERIES = 'Linear recurrence, chunked scan';
export const LSTM_MODEL_SERIES = 'LSTM';
export const ATTENTION_MODEL_SERIES = 'Attention';
export const WINDOW_RECALL_SERIES = 'Attention over the last m/(2d) pairs (the same m numbers)';
export const CAPACITY_MEASURED_SERIES = 'Fixed-size state: longest T at 50% or more';
export const WINDOW_CAPACITY_SERIES = 'Attention over m/(2d) pairs: longest T at 50% or more';
export const CAPACITY_ESTIMATE_SERIES = 'Estimate T ≈ m/(2 ln T)';
