/**
 * The components chapter authors use in MDX. Import them from here:
 *   import { Num, Tex, Note, Experiment } from '../src/user-components';
 */
export { default as Num } from './Num.astro';
export { default as Tex } from './Tex.astro';
export { default as Note } from './Note.astro';
export { default as Cite } from './Cite.astro';
export { default as KernelSource } from './KernelSource.astro';
export { default as Experiment } from './Experiment.astro';
export { default as MemoryCalculator } from './MemoryCalculator.astro';
export { default as EdgeCalculator } from './EdgeCalculator.astro';
export { default as SummaryTable } from './SummaryTable.astro';
export { default as SpineTable } from './SpineTable.astro';
export { default as Diagram } from './Diagram.astro';
export { default as WaveStepper } from './WaveStepper.astro';
export { default as Predict } from './Predict.astro';
