/**
 * The reader's latest result per experiment, kept for this visit only
 * (sessionStorage), so the summary chapter can show it next to the claim:
 * the headline, its verdict and the sentences shown under it (and the details, for the predictions).
 * Anything unreadable is ignored: a stored value is never trusted as HTML.
 */
import { VERDICT_LABELS, type ExperimentSummary, type Verdict } from './shared/definition';

export interface VisitResult extends Pick<ExperimentSummary, 'headline' | 'verdict' | 'sentences'> {
  /** "How this was measured", kept so a chapter's prediction can be compared with a number stated there (src/islands/Predict.tsx). */
  details: string[];
  backend: string;
  parameters: Record<string, unknown>;
  date: string;
}

const PREFIX = 'experiment-result:';

export function saveResult(experiment: string, result: VisitResult, storage: Pick<Storage, 'setItem'> | undefined = globalThis.sessionStorage): void {
  try {
    storage?.setItem(PREFIX + experiment, JSON.stringify(result));
  } catch {
    // Storage may be full or refused; the summary then just lacks this result.
  }
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
      parameters: (candidate.parameters as Record<string, unknown>) ?? {},
      date: String(candidate.date ?? ''),
    };
  } catch {
    return undefined;
  }
}
