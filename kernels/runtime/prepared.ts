/**
 * A kernel whose pipelines, buffers and bind groups are ready, so that recording
 * it is synchronous. Families return these; a run, the timing helper and
 * composite kernels (attention uses matmul) all record through `encode`.
 */
export type PassFactory = (label: string) => GPUComputePassDescriptor;

export interface PreparedKernel {
  encode(encoder: GPUCommandEncoder, pass: PassFactory): void;
}

export const plainPass: PassFactory = (label) => ({ label });

/** Records one compute pass running a single pipeline. */
export function encodeDispatch(
  encoder: GPUCommandEncoder,
  pass: PassFactory,
  label: string,
  pipeline: GPUComputePipeline,
  bindGroup: GPUBindGroup,
  grid: [number, number, number],
  dynamicOffsets?: number[],
): void {
  const computePass = encoder.beginComputePass(pass(label));
  computePass.setPipeline(pipeline);
  if (dynamicOffsets) computePass.setBindGroup(0, bindGroup, dynamicOffsets);
  else computePass.setBindGroup(0, bindGroup);
  computePass.dispatchWorkgroups(...grid);
  computePass.end();
}

/** Submits a prepared kernel once and waits for it. */
export async function submitAndWait(device: GPUDevice, label: string, kernel: PreparedKernel): Promise<void> {
  const encoder = device.createCommandEncoder({ label });
  kernel.encode(encoder, plainPass);
  device.queue.submit([encoder.finish()]);
  await device.queue.onSubmittedWorkDone();
}
