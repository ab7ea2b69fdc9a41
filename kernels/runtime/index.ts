/** The kernels' runtime: device, resources, timing, inputs and errors. Kernel hosts, sweeps and the runner import from here. */
export * from './adapter';
export * from './device';
export * from './errors';
export * from './timing';
export * from './prng';
export * from './backend';
export * from './prepared';
export * from './compare';
export * from './run';
export * from './device-constants';
export * from './time-kernel';
export * from './adapter-class';
