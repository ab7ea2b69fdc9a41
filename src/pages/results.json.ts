/**
 * results.json: every contributed result (content/results/), checked at build time,
 * as the small entries the comparison after a run shows, by experiment. A result
 * that does not validate fails the build here and on the results page.
 */
import type { APIRoute } from 'astro';
import { loadContributedResults, resultEntry, type ResultEntry } from '../experiments/contributed-results';

export const GET: APIRoute = async () => {
  const byExperiment: Record<string, ResultEntry[]> = {};
  for (const result of await loadContributedResults()) (byExperiment[result.file.experiment] ??= []).push(resultEntry(result));
  return new Response(JSON.stringify(byExperiment), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
