// `npm run experiment` end to end: the bundled command runs real sweeps through Dawn
// (SwiftShader where there is no GPU driver) at tiny sizes and writes result files the
// build accepts; bad names and values stop it with the page's messages.
import { describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkResultText } from '../../../src/experiments/result-schema';
import { experiments } from '../../../src/experiments/registry';
import { DEVICE_CLASS_LABELS, LESSON_VERSION } from '../../../src/experiments/result-file';

function experiment(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/experiment.mjs', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const RUN_TIMEOUT = 240_000;

describe('npm run experiment', () => {
  test('--list names every experiment and its parameters', async () => {
    const { status, stdout } = await experiment('--list');
    expect(status).toBe(0);
    for (const [name, definition] of Object.entries(experiments)) {
      expect(stdout).toContain(`${name}: ${definition.title}`);
      for (const spec of definition.params) expect(stdout).toContain(`--${spec.key} `);
    }
  });

  test.each([
    [['nope'], /No experiment named “nope”\. The experiments are parallelism, /],
    [['parallelism', '--widht', '3'], /--widht: not a parameter of parallelism\. Its parameters are --maxT, --width, --variants\./],
    [['parallelism', '--maxT', '5000'], /Longest sequence T: 5000 is above the maximum 4096; using 4096\.\nNothing was run/],
    [['parallelism', '--width', 'wide'], /Hidden size d: “wide” is not a number; using 64\./],
    [['parallelism', '--maxT'], /--maxT needs a value\./],
    [['parallelism', '--cpu', '--adapter', 'x'], /give --cpu or --adapter, not both/],
    [['parallelism', '--device-class', 'gpu'], /--device-class takes cpu, integrated, discrete \(.*\); got “gpu”\./],
    [['parallelism', '--cpu', '--device-class', 'cpu'], /give --cpu or --device-class, not both/],
    [[], /Name an experiment: parallelism, /],
  ])('%j stops with a clear message and a non-zero exit', async (args, message) => {
    const { status, stderr } = await experiment(...args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });

  test(
    'refuses, as the page does, a run whose largest buffer the device cannot bind, naming the largest size that fits',
    async () => {
      const { status, stderr } = await experiment('scan', '--maxT', '4194304', '--channels', '256');
      expect(status).toBe(1);
      expect(stderr).toMatch(
        /This run needs a buffer of 4 GiB, and this device binds at most .* so it cannot run here\. Largest that fits: .* \(--maxT \d+\)\./,
      );
    },
    RUN_TIMEOUT,
  );

  test(
    'an adapter name Dawn does not know gets its own message',
    async () => {
      const { status, stderr } = await experiment('gradients', '--distance', '4', '--adapter', 'no-such-adapter');
      expect(status).toBe(3);
      expect(stderr).toMatch(/No adapter named “no-such-adapter” through Dawn/);
    },
    RUN_TIMEOUT,
  );

  test(
    'a stated device class the adapter contradicts stops the command before it measures anything',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'experiment-cli-'));
      try {
        const out = join(dir, 'gradients.json');
        const { status, stdout, stderr } = await experiment('gradients', '--distance', '4', '--width', '4', '--device-class', 'discrete', '--out', out);
        if (status === 2) {
          // A software adapter (SwiftShader here) reports isFallbackAdapter: it is not a discrete GPU.
          expect(stderr).toMatch(/--device-class discrete contradicts the adapter: .* so it is a CPU adapter \(software\)\./);
          expect(stdout).not.toMatch(/Runs on /);
          await expect(readFile(out, 'utf8')).rejects.toThrow();
        } else {
          // On a hardware GPU that reports no type, the stated class is recorded, with where it came from.
          expect(status, stderr).toBe(0);
          const file = JSON.parse(await readFile(out, 'utf8')) as { device: { class: string; classSource: string } };
          expect(file.device).toMatchObject({ class: 'discrete-gpu', classSource: expect.stringMatching(/--device-class/) });
        }
      } finally {
        await rm(dir, { recursive: true });
      }
    },
    RUN_TIMEOUT,
  );

  test(
    'runs two experiments through Dawn at tiny sizes and writes result files the build accepts',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'experiment-cli-'));
      try {
        const runs = [
          { name: 'parallelism', args: ['--maxT', '4', '--width', '4'], series: /RNN forward pass/ },
          { name: 'state-tracking', args: ['--length', '2', '--lstmWidth', '8', '--steps', '2'], series: /./ },
        ];
        for (const run of runs) {
          const out = join(dir, `${run.name}.json`);
          const { status, stdout, stderr } = await experiment(run.name, ...run.args, '--out', out);
          expect(status, stderr).toBe(0);
          expect(stdout).toMatch(/^Runs on WebGPU on /m);
          expect(stdout).toMatch(/Estimated time /);
          expect(stdout).toContain(`Wrote ${out}.`);
          const text = await readFile(out, 'utf8');
          const check = await checkResultText(text, out, Object.keys(experiments));
          expect(check.errors).toEqual([]);
          const file = check.result!;
          expect(file).toMatchObject({ experiment: run.name, lessonVersion: LESSON_VERSION, format: 1 });
          expect(file.device?.runner).toMatch(/^Dawn in Node/);
          // The class and how it was decided, as the command printed them.
          expect(file.device?.classSource).toBeTruthy();
          expect(stdout).toContain(`Device class: ${DEVICE_CLASS_LABELS[file.device!.class]} (${file.device!.classSource}).`);
          expect(file.rows.length).toBeGreaterThan(0);
          expect(file.rows.map((row) => row.series).join(' ')).toMatch(run.series);
          // It prints the definition's tables and the summary the file carries.
          const definition = experiments[run.name as keyof typeof experiments];
          for (const caption of 'tables' in definition && definition.tables ? definition.tables.map((table) => table.caption) : [definition.caption])
            expect(stdout).toContain(caption);
          const summary = file.summary!;
          expect(stdout).toContain(Array.isArray(summary) ? summary[0] : summary.headline);
        }
      } finally {
        await rm(dir, { recursive: true });
      }
    },
    RUN_TIMEOUT * 2,
  );
});
