/**
 * A standalone SVG of an experiment's result, for wikis that strip iframes but
 * accept images: the same rows as the plot, with a caption naming the
 * parameters, the backend that ran it and the date. Pure: returns a string.
 */
import { plottedRows, type ExperimentRow, type PlotSpec } from './shared/definition';
import { SERIES_COLORS, SERIES_DASHES } from './palette';

export interface SvgCaption {
  title: string;
  parameters: Record<string, unknown>;
  backend: string;
  date: string;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function tickLabel(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  return magnitude >= 1e5 || magnitude < 1e-3 ? value.toExponential(0) : Number(value.toPrecision(3)).toLocaleString('en-US');
}

export function resultToSvg(rows: readonly ExperimentRow[], plot: PlotSpec, caption: SvgCaption): string {
  const width = 760;
  const plotTop = 48;
  const plotHeight = 300;
  const left = 80;
  const right = 24;
  const series = [...new Set(plottedRows(rows, plot).map((row) => row.series))];
  const points = rows
    .map((row) => ({ series: row.series, x: Number(row[plot.x]), y: Number(row[plot.y]) }))
    .filter((point) => Number.isFinite(point.x) && Number.isFinite(point.y) && (!plot.logX || point.x > 0) && (!plot.logY || point.y > 0));
  const scale = (log: boolean) => (value: number) => (log ? Math.log10(value) : value);
  const sx = scale(plot.logX);
  const sy = scale(plot.logY);
  const xs = points.map((point) => sx(point.x));
  const ys = points.map((point) => sy(point.y));
  const [xMin, xMax] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  const [yMin, yMax] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1];
  const spanX = xMax - xMin || 1;
  const spanY = yMax - yMin || 1;
  const px = (value: number) => left + ((sx(value) - xMin) / spanX) * (width - left - right);
  const py = (value: number) => plotTop + plotHeight - ((sy(value) - yMin) / spanY) * plotHeight;
  const ticks = (min: number, max: number, log: boolean) =>
    Array.from({ length: 5 }, (_, i) => min + ((max - min) * i) / 4).map((value) => (log ? 10 ** value : value));

  const lines = series.map((name, index) => {
    const path = points
      .filter((point) => point.series === name)
      .sort((a, b) => a.x - b.x)
      .map((point, i) => `${i === 0 ? 'M' : 'L'}${px(point.x).toFixed(1)},${py(point.y).toFixed(1)}`)
      .join(' ');
    const dash = SERIES_DASHES[index % SERIES_DASHES.length]!.join(' ');
    return `<path d="${path}" fill="none" stroke="${SERIES_COLORS[index % SERIES_COLORS.length]}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;
  });
  const legend = series.map((name, index) => {
    const y = plotTop + plotHeight + 48 + index * 18;
    return `<line x1="${left}" y1="${y - 4}" x2="${left + 24}" y2="${y - 4}" stroke="${SERIES_COLORS[index % SERIES_COLORS.length]}" stroke-width="2"/><text x="${left + 32}" y="${y}">${escapeXml(name)}</text>`;
  });
  const parameters = Object.entries(caption.parameters)
    .map(([key, value]) => `${key} = ${String(value)}`)
    .join(', ');
  const captionTop = plotTop + plotHeight + 48 + series.length * 18 + 10;
  const captionLines = [`Parameters: ${parameters}`, `Ran on: ${caption.backend}`, `Measured: ${caption.date}`];
  const height = captionTop + captionLines.length * 18 + 12;
  const xTicks = ticks(xMin, xMax, plot.logX).map(
    (value) => `<text x="${px(value).toFixed(1)}" y="${plotTop + plotHeight + 18}" text-anchor="middle">${tickLabel(value)}</text>`,
  );
  const yTicks = ticks(yMin, yMax, plot.logY).map(
    (value) =>
      `<text x="${left - 8}" y="${(py(value) + 4).toFixed(1)}" text-anchor="end">${tickLabel(value)}</text><line x1="${left}" x2="${width - right}" y1="${py(value).toFixed(1)}" y2="${py(value).toFixed(1)}" stroke="#d0d7de"/>`,
  );

  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12" role="img" aria-labelledby="title desc">`,
    `<title id="title">${escapeXml(caption.title)}</title>`,
    `<desc id="desc">${escapeXml(`${plot.yLabel} against ${plot.xLabel}. ${captionLines.join('. ')}.`)}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${left}" y="28" font-size="16" font-weight="bold">${escapeXml(caption.title)}</text>`,
    ...yTicks,
    `<line x1="${left}" x2="${left}" y1="${plotTop}" y2="${plotTop + plotHeight}" stroke="#57606a"/>`,
    `<line x1="${left}" x2="${width - right}" y1="${plotTop + plotHeight}" y2="${plotTop + plotHeight}" stroke="#57606a"/>`,
    ...xTicks,
    `<text x="${(left + width - right) / 2}" y="${plotTop + plotHeight + 36}" text-anchor="middle">${escapeXml(plot.xLabel)}${plot.logX ? ' (log scale)' : ''}</text>`,
    `<text transform="translate(16 ${plotTop + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escapeXml(plot.yLabel)}${plot.logY ? ' (log scale)' : ''}</text>`,
    ...lines,
    ...legend,
    ...captionLines.map((line, index) => `<text x="${left}" y="${captionTop + index * 18}" fill="#1b1f24">${escapeXml(line)}</text>`),
    `</svg>`,
  ].join('\n');
}
