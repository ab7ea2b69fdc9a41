/**
 * After the reader's own run: what the same experiment measured on the devices
 * others contributed (results.json, built from content/results/), headline by
 * device, with a link to the full set; and "Share this result", a link to the
 * repository's result form filled in with this run (nothing is sent until the
 * reader submits the form; a result too long for a link is downloaded as a file).
 */
import { useEffect, useState } from 'preact/hooks';
import type { ExperimentRow } from '../../experiments/shared/definition';
import type { ParamValues } from '../../experiments/params';
import type { ResultEntry } from '../../experiments/contributed-results';
import { pageResult, resultFileText, type ResultSummary } from '../../experiments/result-file';
import { shareLink, type ShareLink } from '../../experiments/share-result';
import { siteConfig } from '../../site.config';
import { withBase } from '../../utils/url';
import './ContributedResults.css';

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'loaded'; entries: ResultEntry[] };

export function ContributedResults({
  name,
  rows,
  values,
  backendLine,
  constants,
  summary,
}: {
  name: string;
  rows: readonly ExperimentRow[];
  values: ParamValues;
  backendLine?: { backend: string; limits: string };
  constants?: unknown;
  summary?: ResultSummary;
}) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [share, setShare] = useState<(ShareLink & { json: string }) | undefined>();
  const [shared, setShared] = useState('');

  useEffect(() => {
    let live = true;
    fetch(withBase('results.json'))
      .then((response) => {
        if (!response.ok) throw new Error(`the server answered ${response.status}`);
        return response.json() as Promise<Record<string, ResultEntry[]>>;
      })
      .then((all) => live && setLoaded({ state: 'loaded', entries: all[name] ?? [] }))
      .catch((error: unknown) => live && setLoaded({ state: 'failed', message: error instanceof Error ? error.message : String(error) }));
    return () => {
      live = false;
    };
  }, [name]);

  // The link is built ahead of the click, so the click itself opens it (no pop-up blocker in the way).
  useEffect(() => {
    let live = true;
    void resultFileText(pageResult({ name, values, backendLine, constants, summary, rows })).then((json) => {
      if (live) setShare({ ...shareLink(siteConfig.repoUrl, { experiment: name, device: backendLine?.backend ?? 'unknown device', json }), json });
    });
    return () => {
      live = false;
    };
  }, [name, values, backendLine, constants, summary, rows]);

  const onShare = () => {
    if (!share) return;
    if (share.attach) {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([share.json], { type: 'application/json' }));
      link.download = share.fileName;
      link.target = '_self';
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      setShared(
        `Downloaded ${share.fileName}: too long for a link. Attach it in the form that opened, under “Result as a file”. Nothing is sent until you submit the form.`,
      );
    } else {
      setShared('Opened the result form in a new tab, filled in with this run. Nothing is sent until you submit it there.');
    }
  };

  const all = withBase(`results/#${name}`);
  return (
    <section class="contributed-results" aria-label="Results from other devices">
      <p class="contributed-results-title">
        <strong>The same experiment on other devices</strong>
      </p>
      {loaded.state === 'loading' && <p>Loading the contributed results…</p>}
      {loaded.state === 'failed' && <p>The contributed results could not be loaded ({loaded.message}).</p>}
      {loaded.state === 'loaded' && loaded.entries.length === 0 && <p>No one has contributed a result for this experiment yet.</p>}
      {loaded.state === 'loaded' && loaded.entries.length > 0 && (
        <div class="contributed-results-table" tabIndex={0} role="region" aria-label="Contributed results for this experiment">
          <table>
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">Date, version</th>
                <th scope="col">What it measured</th>
              </tr>
            </thead>
            <tbody>
              {loaded.entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    {entry.adapter}
                    <br />
                    {entry.deviceClass}, {entry.runner}
                  </td>
                  <td>
                    {entry.date}, {entry.lessonVersion}
                    {entry.older && <strong> (older lesson version)</strong>}
                  </td>
                  <td>
                    {entry.headline ? `${entry.headline}${entry.verdict ? ` ${entry.verdict}.` : ''}` : entry.sentences.slice(0, 2).join(' ')}
                    {entry.changedParameters.length > 0 && ` (Not at the page's defaults: ${entry.changedParameters.join(', ')}.)`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a href={all}>All results from other devices</a>
        {' · '}
        {share ? (
          <a href={share.url} target="_blank" rel="noopener noreferrer" onClick={onShare}>
            Share this result
          </a>
        ) : (
          <span>Preparing “Share this result”…</span>
        )}
      </p>
      <p role="status" aria-live="polite">
        {shared}
      </p>
    </section>
  );
}
