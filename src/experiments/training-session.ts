/**
 * Runs an experiment that keeps its models between runs (a definition with a
 * `session`): start trains for the parameters' steps and stays alive; pause ends
 * the current run between steps; continue trains the same models for more steps;
 * release frees the models, the buffers and the device. The same host runs in
 * the training Worker and, where a browser's Workers lack WebGPU, on the page.
 * A lost device ends in an error event; the rows already sent stay with the page.
 */
import { GpuError, GpuRuntime, CPU_BACKEND, describeBackend, type Backend } from '../../kernels/runtime';
import type { AnyExperimentDefinition, ExperimentRow, Session, SweepContext } from './shared/definition';
import type { RunEvent, RunRequest } from './runner';

export type SessionMessage = { type: 'start'; request: RunRequest } | { type: 'pause' } | { type: 'continue'; steps: number } | { type: 'release' };

/** What the page hears beyond a plain run's events: that a run ended paused, with the steps taken so far. */
export type SessionEvent = RunEvent | { type: 'paused'; steps: number };

export interface SessionHost {
  handle(message: SessionMessage): Promise<void>;
}

/** Each definition module, by experiment folder, loaded on demand (as the runner loads them). */
const definitionModules = import.meta.glob<AnyExperimentDefinition>('./*/definition.ts', { import: 'default' });

async function loadSessionDefinition(name: string): Promise<AnyExperimentDefinition> {
  const load = definitionModules[`./${name}/definition.ts`];
  if (!load) throw new Error(`No experiment definition at src/experiments/${name}/definition.ts.`);
  const definition = await load();
  if (!definition.session) throw new Error(`The ${name} experiment cannot be paused or continued.`);
  return definition;
}

function errorEvent(error: unknown): RunEvent {
  if (error instanceof GpuError) return { type: 'error', kind: error.kind, message: error.message, recoverable: error.recoverable };
  return {
    type: 'error',
    kind: 'unexpected',
    message: `The experiment failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
    recoverable: true,
  };
}

export function createSessionHost(emit: (event: SessionEvent) => void): SessionHost {
  let runtime: GpuRuntime | undefined;
  let session: Session<never, ExperimentRow> | undefined;
  let context: SweepContext | undefined;
  let pauseRequested = false;
  let busy = false;

  const release = () => {
    session?.dispose();
    session = undefined;
    runtime?.destroy();
    runtime = undefined;
  };

  /** One run of `steps` steps; ends in done or paused, or in an error that releases everything. */
  const train = async (steps: number) => {
    if (!session || !context) return;
    busy = true;
    pauseRequested = false;
    try {
      const { paused } = await session.run(steps, context as never, () => pauseRequested);
      emit(paused ? { type: 'paused', steps: 0 } : { type: 'done' });
    } catch (error) {
      emit(errorEvent(error));
      release();
    } finally {
      busy = false;
    }
  };

  return {
    async handle(message) {
      switch (message.type) {
        case 'start': {
          const { request } = message;
          try {
            const definition = await loadSessionDefinition(request.experiment);
            if (request.backend === 'webgpu') runtime = await GpuRuntime.create(definition.gpuRequirements(request.params));
            const backend: Backend = runtime ? { kind: 'webgpu', runtime } : CPU_BACKEND;
            emit({
              type: 'started',
              backend: describeBackend(backend),
              limits: backend.kind === 'cpu' ? 'bounded by this page’s memory and one CPU thread' : '',
            });
            context = {
              backend,
              params: request.params,
              signal: new AbortController().signal,
              emit: (row: ExperimentRow) => emit({ type: 'row', row }),
              progress: (done: number, total: number, label: string) => emit({ type: 'progress', done, total, label }),
              notice: (text: string) => emit({ type: 'notice', message: text }),
            };
            const factory = await definition.session!();
            session = (await factory(context)) as Session<never, ExperimentRow>;
          } catch (error) {
            emit(errorEvent(error));
            release();
            return;
          }
          await train(Number(request.params.steps));
          return;
        }
        case 'pause':
          pauseRequested = true;
          return;
        case 'continue':
          if (busy) return;
          if (!session) {
            emit({
              type: 'error',
              kind: 'released',
              message: 'These models are gone (the run was reset or failed); press Run to start again.',
              recoverable: true,
            });
            return;
          }
          await train(message.steps);
          return;
        case 'release':
          release();
          return;
      }
    },
  };
}
