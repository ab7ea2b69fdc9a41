/** The oEmbed document for one embeddable page, as a static JSON response. */
import { siteConfig } from '../site.config';
import { HOST_SCRIPT_INTEGRITY } from '../embed/host-script-integrity';
import { embedFallbackHeight, HOST_SCRIPT_PATH, lessonUrl, oembedDocument } from './embed';

/** The height is the embed's measured one (embedFallbackHeight), as in the Embed controls' snippets. */
export function oembedResponse(site: URL | undefined, title: string, embedPath: string): Response {
  const absolute = (path: string) => lessonUrl(path, site);
  const document = oembedDocument({
    title: `${title} · ${siteConfig.title}`,
    providerName: siteConfig.title,
    providerUrl: absolute(''),
    embedUrl: absolute(embedPath),
    hostScript: absolute(HOST_SCRIPT_PATH),
    hostScriptIntegrity: HOST_SCRIPT_INTEGRITY,
    height: embedFallbackHeight(embedPath),
  });
  return new Response(JSON.stringify(document, null, 2), { headers: { 'Content-Type': 'application/json' } });
}
