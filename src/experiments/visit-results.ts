/**
 * The reader's latest result per experiment, kept for this visit only
 * (sessionStorage), so the summary chapter can show it next to the claim.
 * Anything unreadable is ignored: a stored value is never trusted as HTML.
 */
export interface VisitResult {
  summary: string[];
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

export function loadResult(experiment: string, storage: Pick<Storage, 'getItem'> | undefined = globalThis.sessionStorage): VisitResult | undefined {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(PREFIX + experiment) ?? 'null');
    if (!parsed || typeof parsed !== 'object') return undefined;
    const candidate = parsed as Partial<VisitResult>;
    if (!Array.isArray(candidate.summary) || !candidate.summary.every((line) => typeof line === 'string') || typeof candidate.backend !== 'string')
      return undefined;
    return {
      summary: candidate.summary,
      backend: candidate.backend,
      parameters: (candidate.parameters as Record<string, unknown>) ?? {},
      date: String(candidate.date ?? ''),
    };
  } catch {
    return undefined;
  }
}
