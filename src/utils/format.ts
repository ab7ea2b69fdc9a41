/**
 * How a number reads, decided in one place: counts, bytes, significant figures,
 * percentages, times, rates and the experiments' table cells. Pure and small, so islands and the Worker can use it without
 * loading the lesson's figures.
 */
const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 262144 → "262,144". */
export function formatCount(value: number): string {
  return integerFormat.format(value);
}

/** 16777216 → "16.8 million"; 1e10 → "10 billion". */
export function formatLarge(value: number): string {
  const scales: Array<[number, string]> = [
    [1e12, 'trillion'],
    [1e9, 'billion'],
    [1e6, 'million'],
  ];
  for (const [scale, word] of scales) {
    if (Math.abs(value) >= scale) return `${formatSignificant(value / scale, 3)} ${word}`;
  }
  return formatCount(value);
}

/** Rounds to `digits` significant digits and drops trailing zeros: 0.006570 → "0.00657". */
export function formatSignificant(value: number, digits: number): string {
  if (value === 0) return '0';
  const rounded = Number(value.toPrecision(digits));
  return rounded.toLocaleString('en-US', { maximumFractionDigits: 20, useGrouping: Math.abs(rounded) >= 10_000 });
}

/** Bytes in binary units: 1048576 → "1 MiB", 4e10 → "37.3 GiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatSignificant(value, 3)} ${units[unit]}`;
}

/** Bytes in decimal units, as GPU memory is marketed: 4e10 → "40 GB". */
export function formatDecimalBytes(bytes: number): string {
  const units: Array<[number, string]> = [
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'kB'],
  ];
  for (const [scale, unit] of units) {
    if (bytes >= scale) return `${formatSignificant(bytes / scale, 3)} ${unit}`;
  }
  return `${formatCount(bytes)} B`;
}

/** 0.9934 → "99.3%"; below `floor` (a fraction), "under 0.1%" for a floor of 0.001, rather than a run of zeros. */
export function formatPercent(fraction: number, digits = 3, floor = 0): string {
  if (fraction < floor) return `under ${formatSignificant(floor * 100, digits)}%`;
  return `${formatSignificant(fraction * 100, digits)}%`;
}

/** 0.0123 → "12.3 µs"; 4.56 → "4.56 ms"; 7890 → "7.89 s": three significant figures. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  if (ms >= 1) return `${ms.toPrecision(3)} ms`;
  return `${(ms * 1000).toPrecision(3)} µs`;
}

/** 850 → "under 1 s"; 12_400 → "12 s"; 250_000 → "4.2 minutes"; 9e6 → "2.5 hours". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return 'under 1 s';
  if (ms < 90_000) return `${formatSignificant(ms / 1000, 2)} s`;
  if (ms < 90 * 60_000) return `${formatSignificant(ms / 60_000, 2)} minutes`;
  return `${formatSignificant(ms / 3_600_000, 2)} hours`;
}

/** "1.23 GFLOP/s", or where the fit left no time for arithmetic, says so. */
export function formatRate(flopsPerMs: number): string {
  if (!Number.isFinite(flopsPerMs)) return 'an unmeasurably high rate';
  const gflops = flopsPerMs / 1e6;
  return `${gflops >= 0.01 ? gflops.toPrecision(3) : gflops.toExponential(2)} GFLOP/s`;
}

/** FLOPs in the reader's units: "270 MFLOP". */
export function formatFlops(flops: number): string {
  const units: Array<[number, string]> = [
    [1e12, 'TFLOP'],
    [1e9, 'GFLOP'],
    [1e6, 'MFLOP'],
    [1e3, 'kFLOP'],
  ];
  const unit = units.find(([size]) => flops >= size);
  return unit ? `${(flops / unit[0]).toPrecision(3)} ${unit[1]}` : `${formatCount(flops)} FLOP`;
}

/** Table cells: any value, read as a number. */
export const formatInteger = (value: unknown) => formatCount(Number(value));
export const formatTime = (value: unknown) => formatMs(Number(value));
/** Exact bytes, with the binary-unit reading beside them: "1,048,576 (1 MiB)". */
export const formatBytesCell = (value: unknown) => {
  const n = Number(value);
  return n === 0 ? '0' : `${formatCount(n)} (${formatBytes(n)})`;
};
export const formatScientific = (value: unknown) => (value === undefined || value === null || value === '' ? '—' : Number(value).toPrecision(4));

export const formatOptionalTime = (value: unknown) => (value === undefined || value === null || value === '' ? '—' : formatMs(Number(value)));
