/**
 * A run's results: the result first (a headline with its verdict, at most three
 * sentences, and "How this was measured" in a disclosure), then its plots, the data table,
 * and the rows as CSV or JSON to copy or as a captioned SVG to download.
 */
import { useMemo } from 'preact/hooks';
import {
  MAX_VISIBLE_SENTENCES,
  VERDICT_LABELS,
  plotRows,
  type AnyExperimentDefinition,
  type ExperimentRow,
  type ExperimentSummary,
} from '../../experiments/shared/definition';
import type { ParamValues } from '../../experiments/params';
import { toCsv } from '../../experiments/shared/results';
import { pageResult, resultFileText } from '../../experiments/result-file';
import { copyText } from '../../utils/clipboard';
import { ResultTable } from '../ResultTable';
import { Powers } from '../Powers';
import { Plot } from '../Plot';
import { AttentionHeatmap } from '../AttentionHeatmap';
import { ContributedResults } from './ContributedResults';
import type { BackendLine } from './useExperimentRun';
import type { DeviceConstants } from '../../../kernels/runtime/device-constants';

export function ResultsPanel({
  name,
  definition,
  rows,
  summary,
  values,
  backendLine,
  constants,
  report,
}: {
  name: string;
  definition: AnyExperimentDefinition;
  rows: ExperimentRow[];
  summary: ExperimentSummary;
  values: ParamValues;
  backendLine?: BackendLine;
  /** A timing experiment's measured device constants, carried in the JSON beside the rows. */
  constants?: DeviceConstants;
  /** Shows what a copy or download did. */
  report: (message: string) => void;
}) {
  // Each panel's rows, computed once per result so the plots are not redrawn on every render.
  const panelRows = useMemo(() => definition.plots.map((plot) => plotRows(rows, plot, values)), [definition, rows, values]);
  const heatmap = useMemo(() => definition.heatmap?.(rows), [definition, rows]);

  const copy = async (format: 'CSV' | 'JSON') => {
    const text = format === 'CSV' ? toCsv(rows, definition.columns) : await resultFileText(pageResult({ name, values, backendLine, constants, summary, rows }));
    report(await copyText(text, `the results as ${format}`));
  };

  /** The current result as a standalone, captioned SVG, for wikis that only take images. */
  const downloadSvg = async () => {
    const { resultToSvg } = await import('../../experiments/svg-export');
    const svg = resultToSvg(panelRows[0] ?? rows, definition.plots[0], {
      title: definition.title,
      parameters: values,
      backend: backendLine?.backend ?? 'unknown backend',
      date: new Date().toISOString(),
    });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    link.download = `${name}.svg`;
    link.target = '_self';
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    report('Downloaded the result as SVG.');
  };

  return (
    <div class="experiment-results">
      {summary.headline && <SummaryHead summary={summary} />}
      {definition.plots.map((plot, index) => (
        <Plot key={index} rows={panelRows[index]!} plot={plot} title={plot.title ?? definition.title} />
      ))}
      {heatmap && <AttentionHeatmap data={heatmap} />}
      {definition.tables ? (
        definition.tables.map((table) => <ResultTable key={table.caption} rows={table.select(rows)} columns={table.columns} caption={table.caption} />)
      ) : (
        <ResultTable rows={rows} columns={definition.columns} caption={definition.caption} />
      )}
      <div class="experiment-copy">
        <button type="button" onClick={() => void copy('CSV')}>
          Copy as CSV
        </button>
        <button type="button" onClick={() => void copy('JSON')}>
          Copy as JSON
        </button>
        <button type="button" onClick={() => void downloadSvg()}>
          Download as SVG
        </button>
      </div>
      <ContributedResults name={name} rows={rows} values={values} backendLine={backendLine} constants={constants} summary={summary} />
    </div>
  );
}

/** The result first: the headline, its verdict as a label, at most three sentences under it, and "How this was measured" folded away. */
export function SummaryHead({ summary }: { summary: ExperimentSummary }) {
  return (
    <div class="experiment-summary" data-verdict={summary.verdict}>
      <p class="experiment-headline">
        <Powers text={summary.headline} /> <strong class={`experiment-verdict verdict-${summary.verdict}`}>{VERDICT_LABELS[summary.verdict]}</strong>
      </p>
      {summary.sentences.length > 0 && (
        <ul>
          {summary.sentences.slice(0, MAX_VISIBLE_SENTENCES).map((sentence) => (
            <li key={sentence}>
              <Powers text={sentence} />
            </li>
          ))}
        </ul>
      )}
      {summary.details.length > 0 && (
        <details class="experiment-details">
          <summary>How this was measured</summary>
          <ul>
            {summary.details.map((sentence) => (
              <li key={sentence}>
                <Powers text={sentence} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
