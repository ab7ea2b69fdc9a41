/**
 * The reader's latest result per experiment, kept for this visit only
 * (sessionStorage), so the summary chapter can show it next to the claim:
 * the headline, its verdict and the sentences shown under it, and the run's rows
 * and parameters, from which a chapter's "predict, then run" box computes its
 * measurement (src/utils/prediction.ts).
 * Anything unreadable is ignored: a stored value is never trusted as HTML, and a
 * row that is not a plain record of numbers and strings is dropped.
 */
import { VERDICT_LABELS, type ExperimentRow, type ExperimentSummary, type Verdict } from './shared/definition';

export interface VisitResult extends Pick<ExperimentSummary, 'headline' | 'verdict' | 'sentences'> {
  /** "How this was measured", kept so a chapter's prediction can be compared with a number stated there (src/islands/Predict.tsx). */
  details: string[];
  backend: string;
  parameters: Record<string, unknown>;
  date: string;
  /** The run's rows, as the table shows them; empty when they were too large to keep (then `rowsDropped`). */
  rows: ExperimentRow[];
  /** Whether the rows were left out because they exceeded MAX_STORED_ROWS_CHARS or the storage refused them. */
  rowsDropped: boolean;
}

const PREFIX = 'experiment-result:';

/** The most characters of rows kept per experiment: sessionStorage holds about 5 MB per origin, shared by every experiment on the site. */
export const MAX_STORED_ROWS_CHARS = 400_000;

export function saveResult(
  experiment: string,
  result: Omit<VisitResult, 'rowsDropped'>,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.sessionStorage,
): void {
  const rows = JSON.stringify(result.rows);
  const withRows = rows.length <= MAX_STORED_ROWS_CHARS;
  try {
    storage?.setItem(PREFIX + experiment, JSON.stringify({ ...result, rows: withRows ? result.rows : [], rowsDropped: !withRows }));
    return;
  } catch {
    // Storage may be full or refused: try once more without the rows, so the summary keeps the sentences.
  }
  try {
    storage?.setItem(PREFIX + experiment, JSON.stringify({ ...result, rows: [], rowsDropped: true }));
  } catch {
    // Still refused; the summary then just lacks this result.
  }
}

/** A stored row, if it is a record with a string series and only numbers, strings or number arrays beside it. */
function readRow(value: unknown): ExperimentRow | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  const fine = entries.every(
    ([, field]) => typeof field === 'string' || typeof field === 'number' || (Array.isArray(field) && field.every((item) => typeof item === 'number')),
  );
  if (!fine || typeof (value as { series?: unknown }).series !== 'string') return undefined;
  return Object.fromEntries(entries) as ExperimentRow;
}

const isVerdict = (value: unknown): value is Verdict => typeof value === 'string' && Object.hasOwn(VERDICT_LABELS, value);

export function loadResult(experiment: string, storage: Pick<Storage, 'getItem'> | undefined = globalThis.sessionStorage): VisitResult | undefined {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(PREFIX + experiment) ?? 'null');
    if (!parsed || typeof parsed !== 'object') return undefined;
    const candidate = parsed as Partial<VisitResult>;
    if (
      typeof candidate.headline !== 'string' ||
      !isVerdict(candidate.verdict) ||
      !Array.isArray(candidate.sentences) ||
      !candidate.sentences.every((line) => typeof line === 'string') ||
      typeof candidate.backend !== 'string'
    )
      return undefined;
    return {
      headline: candidate.headline,
      verdict: candidate.verdict,
      sentences: candidate.sentences,
      details: Array.isArray(candidate.details) ? candidate.details.filter((line): line is string => typeof line === 'string') : [],
      backend: candidate.backend,
      parameters:
        candidate.parameters && typeof candidate.parameters === 'object' && !Array.isArray(candidate.parameters)
          ? (candidate.parameters as Record<string, unknown>)
          : {},
      date: String(candidate.date ?? ''),
      // A result saved before rows were kept, or with unreadable rows, has none: the reader is asked to run again.
      rows: Array.isArray(candidate.rows) ? candidate.rows.map(readRow).filter((row): row is ExperimentRow => row !== undefined) : [],
      rowsDropped: candidate.rowsDropped === true,
    };
  } catch {
    return undefined;
  }
}
