/**
 * Every way the GPU path can fail, as one typed error with a sentence a reader
 * understands. The experiment frame shows `message`; code branches on `kind`.
 * A message says what failed, never what happens next: whether the CPU path
 * runs instead is the frame's decision, and it says so itself when it does.
 */
export type GpuFailureKind = 'no-webgpu' | 'no-adapter' | 'limit' | 'feature' | 'out-of-memory' | 'validation' | 'device-lost' | 'cancelled';

export interface LimitShortfall {
  /** The WebGPU limit, e.g. "maxStorageBufferBindingSize". */
  limit: string;
  required: number;
  available: number;
  /** The experiment parameter this bounds, and the largest value of it that fits. */
  parameter?: { name: string; largestThatFits: number };
}

export class GpuError extends Error {
  readonly kind: GpuFailureKind;
  readonly shortfall?: LimitShortfall;
  /** Technical detail (the browser's own message), for logs and bug reports. */
  readonly detail?: string;

  constructor(kind: GpuFailureKind, message: string, options: { shortfall?: LimitShortfall; detail?: string } = {}) {
    super(message);
    this.name = 'GpuError';
    this.kind = kind;
    this.shortfall = options.shortfall;
    this.detail = options.detail;
  }

  /** Whether asking for a new device may help (a lost device can be replaced). */
  get recoverable(): boolean {
    return this.kind === 'device-lost' || this.kind === 'out-of-memory' || this.kind === 'cancelled';
  }
}

export function noWebGpu(): GpuError {
  return new GpuError('no-webgpu', 'This browser does not offer WebGPU here.');
}

export function noAdapter(): GpuError {
  return new GpuError('no-adapter', 'This browser has WebGPU, but it found no graphics adapter to use (it may be disabled or blocklisted).');
}

export function limitTooSmall(shortfall: LimitShortfall): GpuError {
  const fits = shortfall.parameter
    ? ` The largest ${shortfall.parameter.name} that fits is ${shortfall.parameter.largestThatFits.toLocaleString('en-US')}.`
    : '';
  return new GpuError(
    'limit',
    `This size needs ${formatLimitValue(shortfall.limit, shortfall.required)} of ${shortfall.limit}, but this device allows ${formatLimitValue(shortfall.limit, shortfall.available)}.${fits}`,
    { shortfall },
  );
}

export function missingFeature(feature: string): GpuError {
  return new GpuError('feature', `This experiment needs the WebGPU feature "${feature}", which this device does not offer.`);
}

export function outOfMemory(detail: string): GpuError {
  return new GpuError('out-of-memory', 'The GPU ran out of memory for this size. Try a smaller one.', { detail });
}

export function validationFailed(detail: string): GpuError {
  return new GpuError('validation', `The GPU rejected this work as invalid, which is a bug in the lesson: ${detail}`, { detail });
}

export function deviceLost(reason: string, detail?: string): GpuError {
  const why = reason === 'destroyed' ? 'it was released' : 'the browser or driver reset it';
  return new GpuError('device-lost', `The GPU device was lost (${why}). Start again to request a new one.`, { detail });
}

export function cancelled(): GpuError {
  return new GpuError('cancelled', 'The run was cancelled.');
}

function formatLimitValue(limit: string, value: number): string {
  // Byte-sized limits read best in MiB; counts as plain integers.
  if (/Size$/.test(limit)) return `${(value / 2 ** 20).toLocaleString('en-US', { maximumFractionDigits: 1 })} MiB`;
  return value.toLocaleString('en-US');
}
