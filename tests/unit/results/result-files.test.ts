import { describe, expect, test } from 'vitest';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '../../../src/experiments/result-checksum';
import { decideDeviceClass, LESSON_VERSION, pageDevice, pageResult, resultFile, resultFileText, type ResultInput } from '../../../src/experiments/result-file';
import { describeBackend } from '../../../kernels/runtime/backend';
import type { GpuRuntime } from '../../../kernels/runtime/device';
import { checkResultText } from '../../../src/experiments/result-schema';
import { loadContributedResults, olderVersion, resultEntry } from '../../../src/experiments/contributed-results';
import { experiments } from '../../../src/experiments/registry';
import { ATTACH_NOTE, RESULT_FORM, SHARE_URL_MAX, shareLink } from '../../../src/experiments/share-result';
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

const names = Object.keys(experiments);
const input: ResultInput = {
  experiment: 'parallelism',
  parameters: { maxT: 8, width: 4, variants: false },
  backend: 'WebGPU on google swiftshader (a software adapter running on the CPU)',
  limits: 'maxBufferSize 256 MiB',
  device: { class: 'cpu-adapter', vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader driver 5.0.0', runner: 'Dawn in Node' },
  deviceConstants: { kind: 'webgpu', perDispatchMs: 0.05 },
  summary: { headline: 'At T = 8 the RNN took 2.16 ms and attention 7.62 ms.', verdict: 'contradicts', sentences: [] },
  date: '2026-12-04T22:00:00.000Z',
  rows: [
    { series: 'rnn', T: 8, medianMs: 2.16, samplesMs: [2.1, 2.16, 2.3] },
    { series: 'attention', T: 8, medianMs: 7.62 },
  ],
};

async function check(value: unknown) {
  return checkResultText(typeof value === 'string' ? value : JSON.stringify(value), 'content/results/x.json', names);
}

describe('a result file', () => {
  test('carries the lesson version and a checksum, and checks as written', async () => {
    const file = await resultFile(input);
    expect(file.lessonVersion).toBe(LESSON_VERSION);
    expect(file.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    const result = await check(await resultFileText(input));
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  test('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe(canonicalJson({ a: [{ d: 2 }], b: 1 }));
  });

  test('a number edited by hand fails the checksum, with a message that says what to do', async () => {
    const file = await resultFile(input);
    const edited = { ...file, rows: [{ ...file.rows[0]!, medianMs: 1.16 }, file.rows[1]!] };
    const result = await check(edited);
    expect(result.ok).toBe(false);
    expect(result.errors[0]).toMatch(/content\/results\/x\.json: the checksum does not match .*npm run experiment/);
    const editedSummary = { ...file, summary: { ...(file.summary as object), verdict: 'shows' } };
    expect((await check(editedSummary)).ok).toBe(false);
  });

  test.each([
    ['not JSON', '{"format": 1,', /not valid JSON/],
    ['an unknown experiment', { experiment: 'nope' }, /"experiment" must be one of parallelism/],
    ['no rows', { rows: [] }, /"rows" must be a non-empty list/],
    ['a row without a series', { rows: [{ T: 1 }] }, /rows\[0\] must be an object with a "series" name/],
    [
      'a value that is not a finite number',
      { rows: [{ series: 'rnn', medianMs: 'x', T: {} }] },
      /rows\[0\]\.T must be a finite number, a string or a list of finite numbers/,
    ],
    ['a list with a value that is not a number', { rows: [{ series: 'rnn', samplesMs: [1, 'x'] }] }, /rows\[0\]\.samplesMs must be a finite number/],
    ['an unknown device class', { device: { ...input.device, class: 'phone' } }, /"device.class" must be one of/],
    ['a class source that is not a sentence', { device: { ...input.device, classSource: 3 } }, /"device.classSource" must say/],
    ['no device', { device: undefined }, /"device" must describe the adapter/],
    ['a date that is not one', { date: 'yesterday' }, /"date" must be an ISO date/],
    ['another format', { format: 2 }, /"format" must be 1/],
    ['no checksum', { checksum: undefined }, /"checksum" must be "sha256:"/],
  ])('a file with %s is refused, naming the file and the field', async (_, change, message) => {
    const broken = typeof change === 'string' ? change : { ...(await resultFile(input)), ...change };
    const result = await check(broken);
    expect(result.ok).toBe(false);
    expect(result.errors.join('\n')).toMatch(message);
    expect(result.errors.every((error) => error.startsWith('content/results/x.json: '))).toBe(true);
  });
});

describe("the page's Copy as JSON", () => {
  test('gives the same fields as the command, its device read from the backend line', async () => {
    const page = await resultFile(
      pageResult({
        name: 'parallelism',
        values: input.parameters,
        backendLine: { backend: input.backend!, limits: input.limits! },
        constants: input.deviceConstants,
        summary: input.summary,
        rows: input.rows,
      }),
    );
    expect(Object.keys(page).sort()).toEqual(Object.keys(await resultFile(input)).sort());
    expect(page.device).toMatchObject({ class: 'cpu-adapter', vendor: 'google', architecture: 'swiftshader' });
    expect((await check(page)).ok).toBe(true);
    const cpu = pageResult({ name: 'parallelism', values: {}, backendLine: { backend: 'CPU reference, no WebGPU', limits: '' }, rows: input.rows });
    expect(cpu.device!.class).toBe('cpu-reference');
    const gpu = pageResult({ name: 'parallelism', values: {}, backendLine: { backend: 'WebGPU on nvidia ada', limits: '' }, rows: input.rows });
    expect(gpu.device!.class).toBe('gpu');
  });
});

describe('the device class', () => {
  const swiftShader = { vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader driver 5.0.0', isFallbackAdapter: true };
  const gpu = { vendor: 'nvidia', architecture: 'ada', description: '', isFallbackAdapter: false };

  test('a fallback adapter is a CPU adapter, from what it reports', () => {
    expect(decideDeviceClass(swiftShader)).toEqual({ class: 'cpu-adapter', classSource: 'the adapter reports isFallbackAdapter (a software adapter)' });
    expect(decideDeviceClass(swiftShader, 'cpu')).toMatchObject({ class: 'cpu-adapter', classSource: expect.stringMatching(/as stated with --device-class$/) });
    // A software renderer that does not set the flag is still known by its name.
    expect(decideDeviceClass({ vendor: 'mesa', architecture: 'llvmpipe', description: '', isFallbackAdapter: false })).toMatchObject({ class: 'cpu-adapter' });
  });

  test('a GPU is "class not stated" unless someone states it', () => {
    expect(decideDeviceClass(gpu)).toMatchObject({ class: 'gpu', classSource: expect.stringMatching(/^not stated/) });
    expect(decideDeviceClass(gpu, 'discrete')).toEqual({ class: 'discrete-gpu', classSource: 'stated with --device-class (the adapter does not say)' });
    expect(decideDeviceClass(gpu, 'integrated')).toMatchObject({ class: 'integrated-gpu' });
  });

  test('an adapter type, where the runtime gives one, decides it', () => {
    expect(decideDeviceClass({ ...gpu, type: 'integrated GPU' })).toMatchObject({
      class: 'integrated-gpu',
      classSource: "the adapter's type, “integrated GPU”",
    });
    expect(decideDeviceClass({ ...gpu, type: 'discrete GPU' })).toMatchObject({ class: 'discrete-gpu' });
    expect(decideDeviceClass({ ...gpu, type: 'unknown' })).toMatchObject({ class: 'gpu' });
  });

  test('a stated class the adapter contradicts is refused, saying why', () => {
    expect(decideDeviceClass(swiftShader, 'discrete')).toEqual({
      error: expect.stringMatching(
        /^--device-class discrete contradicts the adapter: the adapter reports isFallbackAdapter .* so it is a CPU adapter \(software\)\./,
      ),
    });
    expect(decideDeviceClass({ ...gpu, type: 'integrated GPU' }, 'discrete')).toHaveProperty('error');
  });

  test('the page reads the class from its backend line: a GPU there is not stated', () => {
    const line = (adapter: typeof gpu) => describeBackend({ kind: 'webgpu', runtime: { adapter } as GpuRuntime });
    expect(pageDevice(line(swiftShader), 'UA')).toMatchObject({ class: 'cpu-adapter', vendor: 'google', architecture: 'swiftshader', runner: 'UA' });
    expect(pageDevice(line(gpu), 'UA')).toMatchObject({ class: 'gpu', classSource: expect.stringMatching(/^not stated: the browser does not say/) });
    expect(pageDevice(describeBackend({ kind: 'cpu' }), 'UA')).toMatchObject({ class: 'cpu-reference' });
  });
});

describe('the contributed results folder', () => {
  test('loads valid files and stops at a broken one, naming every problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'results-'));
    try {
      await writeFile(join(dir, 'good.json'), await resultFileText(input));
      const [loaded] = await loadContributedResults(dir);
      expect(loaded!.id).toBe('good');
      const entry = resultEntry(loaded!, '9.0.0');
      expect(entry).toMatchObject({ deviceClass: 'CPU adapter (software)', older: true, verdict: 'Contradicts the claim on this device', date: '2026-12-04' });
      expect(entry.changedParameters).toEqual(['maxT 8 (page default 512)', 'width 4 (page default 64)']);
      expect(resultEntry(loaded!, LESSON_VERSION).older).toBe(false);
      // A file written before the class's source was recorded still loads, and a GPU in it shows as "class not stated".
      expect(entry.deviceClassSource).toBeUndefined();
      await writeFile(join(dir, 'gpu.json'), await resultFileText({ ...input, device: { ...input.device!, class: 'gpu', vendor: 'nvidia' } }));
      const gpu = (await loadContributedResults(dir)).find((result) => result.id === 'gpu')!;
      expect(resultEntry(gpu).deviceClass).toBe('GPU, class not stated');
      await rm(join(dir, 'gpu.json'));
      await writeFile(join(dir, 'bad.json'), JSON.stringify({ ...(await resultFile(input)), experiment: 'nope' }));
      await expect(loadContributedResults(dir)).rejects.toThrow(/does not validate[\s\S]*bad\.json: "experiment" must be one of/);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  test('every committed result validates', async () => {
    const results = await loadContributedResults('content/results');
    for (const result of results) expect(names).toContain(result.file.experiment);
  });

  test('versions compare by number', () => {
    expect(olderVersion('0.9.0', '0.10.0')).toBe(true);
    expect(olderVersion('0.10.0', '0.9.0')).toBe(false);
    expect(olderVersion('1.0.0', '1.0.0')).toBe(false);
  });
});

describe('Share this result', () => {
  const form = load(readFileSync(`.github/ISSUE_TEMPLATE/${RESULT_FORM.template}`, 'utf8')) as { body: Array<{ id?: string }> };

  test('the link fills fields the form has', () => {
    const ids = form.body.map((field) => field.id);
    expect(ids).toEqual(expect.arrayContaining(Object.values(RESULT_FORM.fields)));
  });

  test('a small result goes in the link, whole', async () => {
    const json = await resultFileText(input);
    const link = shareLink('https://github.com/o/r/', { experiment: 'parallelism', device: input.backend!, json });
    expect(link.attach).toBe(false);
    expect(link.url.length).toBeLessThanOrEqual(SHARE_URL_MAX);
    const url = new URL(link.url);
    expect(url.origin + url.pathname).toBe('https://github.com/o/r/issues/new');
    expect(url.searchParams.get('template')).toBe(RESULT_FORM.template);
    const carried = url.searchParams.get(RESULT_FORM.fields.result)!;
    expect(JSON.parse(carried)).toEqual(JSON.parse(json));
    expect((await check(carried)).ok).toBe(true);
    expect(url.searchParams.get(RESULT_FORM.fields.device)).toBe(input.backend);
  });

  test('a large result goes in a file, and the link stays under the cap', async () => {
    const rows = Array.from({ length: 400 }, (_, index) => ({ series: 'rnn', T: index, medianMs: index / 7 }));
    const json = await resultFileText({ ...input, rows });
    const link = shareLink('https://github.com/o/r', { experiment: 'parallelism', device: 'x'.repeat(5000), json });
    expect(link.attach).toBe(true);
    expect(link.fileName).toBe('parallelism-result.json');
    expect(link.url.length).toBeLessThanOrEqual(SHARE_URL_MAX);
    expect(new URL(link.url).searchParams.get(RESULT_FORM.fields.result)).toBe(ATTACH_NOTE);
  });
});
