/**
 * The sentence every timing experiment states its measured device constants with: the cost of
 * a dispatch and a submit-and-wait, and where the micro-kernels ran, the roofline's arithmetic
 * rate and bandwidth (roofline.ts). The comparisons themselves are in pair-findings.ts; the
 * "why" in roofline.ts. Pure code: no GPU, no DOM.
 */
import type { DeviceConstants } from '../../../kernels/runtime/device-constants';
import { formatMs } from '../../utils/format';
import { constantsDetail, rooflineOf } from './roofline';

/** This device's fixed costs (kernels/runtime/device-constants.ts), measured once per page, or the CPU path, which has none. */
export type { DeviceConstants };

/** What was measured before the sweep, or why nothing was. */
export function constantsSentence(constants: DeviceConstants | undefined): string | undefined {
  if (!constants) return undefined;
  if (constants.kind === 'cpu') return 'The CPU path makes no GPU dispatches, so there is no dispatch cost to measure.';
  const dispatch = `Measured on this device before the sweep: one minimal dispatch inside a command buffer costs ${formatMs(constants.perDispatchMs)}, and one submit-and-wait round trip costs ${formatMs(constants.submitAndWaitMs)}.`;
  const roofline = rooflineOf(constants);
  return roofline ? `${dispatch} ${constantsDetail(roofline)}` : dispatch;
}
