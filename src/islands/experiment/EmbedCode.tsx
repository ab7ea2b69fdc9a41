/**
 * The frame's "Embed this experiment": the same snippet and clipboard fallback as
 * components/EmbedControl.astro, with the reader's current parameters in the URL.
 */
import { useRef } from 'preact/hooks';
import { writeParams, type ParamValues } from '../../experiments/params';
import { experimentEmbedPath, lessonSnippet } from '../../utils/embed';
import { copyText } from '../../utils/clipboard';
import { withBase } from '../../utils/url';
import { siteConfig } from '../../site.config';
import { HOST_SCRIPT_INTEGRITY } from '../../embed/host-script-integrity';

export function EmbedCode({
  name,
  title,
  values,
  hydrated,
  idPrefix,
  report,
}: {
  name: string;
  title: string;
  values: ParamValues;
  hydrated: boolean;
  idPrefix: string;
  report: (message: string) => void;
}) {
  const field = useRef<HTMLTextAreaElement>(null);
  // Built in the browser, from the address the reader is on, once hydrated (empty before).
  const code = hydrated
    ? lessonSnippet({
        embedPath: `${experimentEmbedPath(name)}?${writeParams(name, values, new URLSearchParams()).toString()}`,
        title: `${title} · ${siteConfig.title}`,
        site: location.href,
        hostScriptIntegrity: HOST_SCRIPT_INTEGRITY,
      })
    : '';
  return (
    <details class="embed-control">
      <summary>Embed this experiment</summary>
      <label for={`${idPrefix}-embed`}>Paste this into a wiki or web page; it opens with the parameters above.</label>
      <textarea id={`${idPrefix}-embed`} ref={field} readOnly rows={4} value={code} />
      <button type="button" onClick={async () => report(await copyText(code, 'the embed code', field.current ?? undefined))}>
        Copy the embed code
      </button>
      <p class="embed-setup">
        <a href={withBase('embedding/')}>Setting it up in VitePress, Docusaurus, MkDocs, Starlight or a wiki</a>
      </p>
    </details>
  );
}
