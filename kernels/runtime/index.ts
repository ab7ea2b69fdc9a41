/** The kernels' runtime: device, resources, timing, inputs and errors. Islands import from here. */
export * from './device';
export * from './errors';
export * from './timing';
export * from './prng';
export * from './backend';
export * from './prepared';
export * from './compare';
export * from './run';
export * from './adapter';
