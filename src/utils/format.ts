/**
 * How a number reads, decided in one place: counts, bytes, significant figures
 * and percentages. Pure and small, so islands and the Worker can use it without
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

/** 0.9934 → "99.3%". */
export function formatPercent(fraction: number, digits = 3): string {
  return `${formatSignificant(fraction * 100, digits)}%`;
}
