/**
 * The one plot component: uPlot, loaded on first use, with log axes where growth
 * rates matter. It draws the same rows the table shows; the table is its text
 * alternative, so the canvas itself is hidden from assistive technology.
 */
import { useEffect, useRef } from 'preact/hooks';
import { plottedRows, type ExperimentRow, type PlotSpec } from '../experiments/shared/definition';
import { SERIES_COLORS, SERIES_DASHES } from '../experiments/palette';
import 'uplot/dist/uPlot.min.css';

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
    void import('uplot').then(({ default: UPlot }) => {
      if (cancelled) return;
      const ink = resolveColor(element, 'var(--text-muted)');
      const grid = resolveColor(element, 'var(--border)');
      const axis = (label: string) => ({ label, stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } });
      chart = new UPlot(
        {
          ...size(),
          title: undefined,
          scales: { x: { time: false, distr: plot.logX ? 3 : 1, log: 2 }, y: { distr: plot.logY ? 3 : 1, log: 10 } },
          axes: [axis(plot.xLabel), axis(plot.yLabel)],
          series: [
            { label: plot.xLabel },
            ...series.map((name, index) => ({
              label: name,
              stroke: SERIES_COLORS[index % SERIES_COLORS.length],
              dash: SERIES_DASHES[index % SERIES_DASHES.length],
              width: 2,
              points: { show: xs.length <= 64, size: 6 },
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
    <figure class="experiment-plot">
      <div ref={container} aria-hidden="true" />
      <figcaption>
        {title}: {plot.yLabel} against {plot.xLabel}
        {plot.logX || plot.logY ? ', on log axes' : ''}. The table below holds the same data.
      </figcaption>
    </figure>
  );
}
