import { describe, expect, test } from 'vitest';
import {
  clampParam,
  defaults,
  limitParams,
  maximum,
  quoteRaw,
  readParams,
  unusualNotation,
  NOTICE_RAW_LENGTH,
  type ParamSpec,
} from '../../src/experiments/params';
import { experiments } from '../../src/experiments/registry';

const maxT: ParamSpec = {
  key: 'maxT',
  label: 'Longest sequence T',
  kind: 'power-of-two',
  min: 32,
  max: 65536,
  cpuMax: 4096,
  defaultValue: 2048,
  cpuDefault: 512,
};
const width: ParamSpec = { key: 'width', label: 'Head width d', kind: 'integer', min: 4, max: 128, defaultValue: 64 };

describe('number notation', () => {
  test('plain decimal needs no notice', () => {
    for (const text of ['256', '+256', '-3', '12.5', '.5', '7.']) expect(unusualNotation(text), text).toBeUndefined();
  });

  test('hexadecimal, octal, binary, exponent and leading zeros are named', () => {
    expect(unusualNotation('0x100000')).toBe('hexadecimal notation');
    expect(unusualNotation('0X1F')).toBe('hexadecimal notation');
    expect(unusualNotation('0o17')).toBe('octal notation');
    expect(unusualNotation('0b101')).toBe('binary notation');
    expect(unusualNotation('1e3')).toBe('exponent notation');
    expect(unusualNotation('2.5E-1')).toBe('exponent notation');
    expect(unusualNotation('010')).toBe('a leading zero, read as decimal');
  });

  test('0x100000 is read, but with a notice naming its notation and its value, then clamped', () => {
    expect(clampParam(maxT, '0x100000', 2048)).toEqual({
      value: 65536,
      notice: 'Longest sequence T: “0x100000” is hexadecimal notation; read as 1,048,576, which is above the maximum 65536; using 65536.',
    });
  });

  test('an in-range value in another notation is kept, with a notice', () => {
    expect(clampParam(width, '0x40', 64)).toEqual({ value: 64, notice: 'Head width d: “0x40” is hexadecimal notation; read as 64.' });
    expect(clampParam(width, '1e1', 64)).toEqual({ value: 10, notice: 'Head width d: “1e1” is exponent notation; read as 10.' });
    expect(clampParam(width, '0o20', 64).notice).toBe('Head width d: “0o20” is octal notation; read as 16.');
  });

  test('URL parameters in another notation surface their notice', () => {
    const { values, notices } = readParams('quadratic-cost', [maxT, width], new URLSearchParams('quadratic-cost.width=0x20'), 'webgpu');
    expect(values.width).toBe(32);
    expect(notices).toEqual([{ key: 'width', message: 'Head width d: “0x20” is hexadecimal notation; read as 32.' }]);
  });
});

describe('notices quote raw values at a readable length', () => {
  test('short values are quoted whole', () => {
    expect(quoteRaw('abc')).toBe('“abc”');
  });

  test('long values are cut with an ellipsis', () => {
    const long = 'x'.repeat(5000);
    const { notice } = clampParam(width, long, 64);
    expect(notice).toBe(`Head width d: “${'x'.repeat(NOTICE_RAW_LENGTH)}…” is not a number; using 64.`);
  });

  test('a long value in another notation is cut too', () => {
    const { notice } = clampParam(width, `0x${'0'.repeat(200)}40`, 64);
    expect(notice!.length).toBeLessThan(120);
    expect(notice).toContain('…” is hexadecimal notation; read as 64.');
  });
});

describe('CPU maxima', () => {
  test('the CPU path clamps to its own maximum and says both bounds', () => {
    expect(maximum(maxT, 'cpu')).toBe(4096);
    expect(maximum(maxT, 'webgpu')).toBe(65536);
    expect(clampParam(maxT, '65536', 512, 'cpu')).toEqual({
      value: 4096,
      notice: "Longest sequence T: 65536 is above the CPU path's maximum 4096 (WebGPU goes to 65536); using 4096.",
    });
    expect(clampParam(maxT, '65536', 2048, 'webgpu')).toEqual({ value: 65536 });
  });

  test('a URL past the CPU maximum is clamped when the CPU path is active', () => {
    const search = new URLSearchParams('quadratic-cost.maxT=65536&quadratic-cost.width=128');
    const { values, notices } = readParams('quadratic-cost', [maxT, width], search, 'cpu');
    expect(values).toEqual({ maxT: 4096, width: 128 });
    expect(notices.map((notice) => notice.key)).toEqual(['maxT']);
  });

  test('every CPU default and CPU maximum lies within the parameter’s range', () => {
    for (const definition of Object.values(experiments)) {
      for (const spec of definition.params) {
        if (spec.cpuMax !== undefined) {
          expect(spec.cpuMax, `${definition.name}.${spec.key}`).toBeLessThanOrEqual(spec.max!);
          expect(clampParam(spec, spec.cpuMax, spec.defaultValue, 'cpu').notice, `${definition.name}.${spec.key}`).toBeUndefined();
        }
        expect(
          clampParam(spec, defaults(definition.params, 'cpu')[spec.key], spec.defaultValue, 'cpu').notice,
          `${definition.name}.${spec.key}`,
        ).toBeUndefined();
      }
    }
  });
});

describe('CPU maxima held for the run and its estimate alike', () => {
  const cpu = { kind: 'cpu' } as const;

  test('limitParams lowers a value past its CPU maximum, with a notice, and leaves WebGPU values alone', () => {
    const held = limitParams([maxT, width], { maxT: 65536, width: 64 }, 'cpu');
    expect(held.values).toEqual({ maxT: 4096, width: 64 });
    expect(held.notices).toEqual([{ key: 'maxT', message: expect.stringContaining("above the CPU path's maximum 4096") }]);
    expect(limitParams([maxT, width], { maxT: 65536, width: 64 }, 'webgpu')).toEqual({ values: { maxT: 65536, width: 64 }, notices: [] });
  });

  test('parallelism caps the CPU path in its parameters: the estimate at d = 512, T = 4096 is the one at its CPU maxima', () => {
    const { parallelism } = experiments;
    const widthSpec = parallelism.params.find((spec) => spec.key === 'width')!;
    const maxTSpec = parallelism.params.find((spec) => spec.key === 'maxT')!;
    expect([maxTSpec.cpuMax, widthSpec.cpuMax]).toEqual([1024, 128]);
    const asked = { maxT: 4096, width: 512, variants: false };
    const held = limitParams(parallelism.params, asked, 'cpu').values;
    expect(held).toEqual({ maxT: 1024, width: 128, variants: false });
    expect(parallelism.estimate(held, cpu)).toEqual(parallelism.estimate({ maxT: 1024, width: 128, variants: false }, cpu));
    expect(parallelism.estimate(held, cpu).ms).toBeLessThan(parallelism.estimate(asked, cpu).ms);
  });
});

describe('hostile link values', () => {
  test('bidirectional and control characters are shown as code points, never echoed', () => {
    const quoted = quoteRaw('12\u202Eevil\u0007\u2066x');
    expect(quoted).toBe('“12[U+202E]evil[U+0007][U+2066]x”');
    expect(quoted).not.toMatch(/[\u202e\u0007\u2066]/u);
    const { notice } = clampParam(maxT, '\u202E4096', 1024);
    expect(notice).toMatch(/\[U\+202E\]4096/);
    expect(notice).not.toMatch(/\u202e/u);
  });

  test('a repeated key gets a notice naming every value; the first one is used', () => {
    const search = new URLSearchParams('x.maxT=1024&x.maxT=4096');
    const { values, notices } = readParams('x', [maxT], search, 'webgpu');
    expect(values.maxT).toBe(1024);
    expect(notices).toEqual([{ key: 'maxT', message: 'Longest sequence T: the link gives it 2 times (“1024”, “4096”); using the first.' }]);
  });

  test('a repeated key whose first value is out of range gets both notices', () => {
    const { values, notices } = readParams('x', [maxT], new URLSearchParams('x.maxT=1e9&x.maxT=64'), 'webgpu');
    expect(values.maxT).toBe(65536);
    expect(notices[0]!.message).toMatch(/2 times .* using the first\. Longest sequence T: “1e9” is exponent notation/);
  });
});
