/**
 * The one plot component: uPlot, loaded on first use, with log axes where growth
 * rates matter. It draws the same rows the table shows; the table is its text
 * alternative, so the canvas itself is hidden from assistive technology. Each axis
 * is as wide as its longest tick label; byte axes count in KiB, MiB and GiB; the
 * caption names the axes that are logarithmic.
 */
import { useEffect, useRef } from 'preact/hooks';
import { plottedRows, type ExperimentRow, type PlotSpec } from '../experiments/shared/definition';
import { SERIES_COLORS, SERIES_DASHES } from '../experiments/palette';
import { formatBytes } from '../utils/format';
import { superscriptText } from '../utils/superscript';
import { Powers } from './Powers';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** The axes' font, set on each axis and used to measure its tick labels. */
const AXIS_FONT = '12px system-ui, sans-serif';

interface Props {
  rows: readonly ExperimentRow[];
  plot: PlotSpec;
  title: string;
}

/** Canvas needs a concrete colour; our variables hold light-dark() pairs, so let CSS resolve them. */
function resolveColor(host: HTMLElement, value: string): string {
  const probe = document.createElement('span');
  probe.style.color = value;
  host.append(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color;
}

/** Whether an axis counts bytes: said by the spec, or a field named "…Bytes". */
export function countsBytes(field: string, unit: 'bytes' | undefined): boolean {
  return unit === 'bytes' || /bytes$/i.test(field);
}

/** Which axes are logarithmic, as the caption says it. */
export function logAxesText(plot: Pick<PlotSpec, 'logX' | 'logY'>): string {
  if (plot.logX && plot.logY) return ', both axes logarithmic';
  if (plot.logX) return ', the horizontal axis logarithmic';
  if (plot.logY) return ', the vertical axis logarithmic';
  return ', both axes linear';
}

/** Space an axis needs: its label, the gap, the ticks and its widest (y) or tallest (x) tick label, measured in the axis font. */
function axisSize(context: CanvasRenderingContext2D, labels: readonly string[], horizontal: boolean): number {
  context.save();
  // The canvas is scaled by the device's pixel ratio; measure in CSS pixels.
  context.font = AXIS_FONT;
  const widest = labels.reduce((most, label) => Math.max(most, context.measureText(label).width), 0);
  context.restore();
  const labelBand = 22;
  const ticksAndGap = 12;
  // A horizontal axis's labels are one line high; a vertical axis's are as wide as the widest label.
  return Math.ceil(labelBand + ticksAndGap + (horizontal ? 16 : widest));
}

export function Plot({ rows: allRows, plot, title }: Props) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let chart: { destroy(): void; setSize(size: { width: number; height: number }): void } | undefined;
    let cancelled = false;
    const rows = plottedRows(allRows, plot);
    const series = [...new Set(rows.map((row) => row.series))];
    const xs = [...new Set(rows.map((row) => Number(row[plot.x])))].sort((a, b) => a - b);
    const valueAt = (name: string, x: number) => {
      const value = rows.find((row) => row.series === name && Number(row[plot.x]) === x)?.[plot.y];
      const number = Number(value);
      // Log axes cannot show zero or negative values; leave a gap rather than a wrong point.
      return value === undefined || !Number.isFinite(number) || (plot.logY && number <= 0) ? null : number;
    };
    const data = [xs, ...series.map((name) => xs.map((x) => valueAt(name, x)))];
    const size = () => ({ width: Math.max(280, element.clientWidth), height: 300 });
    const bytes = [countsBytes(plot.x, plot.xUnit), countsBytes(plot.y, plot.yUnit)];
    void import('uplot').then(({ default: UPlot }) => {
      if (cancelled) return;
      const ink = resolveColor(element, 'var(--text-muted)');
      const grid = resolveColor(element, 'var(--border)');
      const axis = (label: string, index: 0 | 1) => ({
        label: superscriptText(label),
        stroke: ink,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid },
        ...(bytes[index] ? { values: (_: unknown, splits: number[]) => splits.map((split) => (split > 0 ? formatBytes(split) : '0 B')) } : {}),
        font: AXIS_FONT,
        size: (self: uPlot, values: string[] | null) => {
          const labels = values ?? [];
          const space = axisSize(self.ctx, labels, index === 0);
          // The tick labels as drawn, and the room given them, for the browser tests (the canvas holds no text to read).
          element.dataset[index === 0 ? 'xTicks' : 'yTicks'] = labels.join('|');
          if (index === 1) element.dataset.yAxisSize = String(space);
          return space;
        },
      });
      // Bytes grow by powers of two, so a byte axis on a log scale takes its ticks at powers of two (1 MiB, 2 MiB, 4 MiB …).
      const logBase = (isBytes: boolean, fallback: 2 | 10): 2 | 10 => (isBytes ? 2 : fallback);
      chart = new UPlot(
        {
          ...size(),
          title: undefined,
          scales: {
            x: { time: false, distr: plot.logX ? 3 : 1, log: logBase(bytes[0]!, 2) },
            y: { distr: plot.logY ? 3 : 1, log: logBase(bytes[1]!, 10) },
          },
          axes: [axis(plot.xLabel, 0), axis(plot.yLabel, 1)],
          series: [
            { label: superscriptText(plot.xLabel) },
            ...series.map((name, index) => ({
              label: superscriptText(name),
              stroke: SERIES_COLORS[index % SERIES_COLORS.length],
              dash: SERIES_DASHES[index % SERIES_DASHES.length],
              // Independent samples are points only: a line would suggest each follows from the last.
              width: plot.points ? 0 : 2,
              paths: plot.points ? () => null : undefined,
              points: {
                show: plot.points || xs.length <= 64,
                size: plot.points ? 7 : 6,
                fill: plot.points ? SERIES_COLORS[index % SERIES_COLORS.length] : undefined,
              },
              spanGaps: false,
            })),
          ],
          legend: { live: false },
        },
        data as never,
        element,
      );
    });
    const observer = new ResizeObserver(() => chart?.setSize(size()));
    observer.observe(element);
    return () => {
      cancelled = true;
      observer.disconnect();
      chart?.destroy();
    };
  }, [allRows, plot]);

  return (
    <figure class="experiment-plot" data-points={plot.points ? 'true' : undefined}>
      <div ref={container} aria-hidden="true" />
      <figcaption>
        <Powers
          text={`${title}: ${plot.yLabel} against ${plot.xLabel}${logAxesText(plot)}${plot.points ? '; each point is an independent sample, so the points are not joined' : ''}. The table below holds the same data.`}
        />
      </figcaption>
    </figure>
  );
}
