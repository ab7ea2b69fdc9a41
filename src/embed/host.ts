/**
 * The script a host page includes beside an embedded chapter or experiment:
 *   <script src="https://lesson.example/embed/host.js" integrity="…" crossorigin="anonymous" defer></script>
 * It sets the height of every iframe marked data-lesson-embed whose page is on the lesson's origin
 * (the origin host.js itself came from) to the height that page reports (child.ts speaks the other
 * half: "iframe-child-init" in, "iframe-resized" out).
 *
 * It is the parent half only, so that a page which includes it is no oracle for whoever frames
 * that page: it has no listener that answers anyone, it acts only on messages sent by one of its
 * own lesson iframes' windows from the lesson's origin (never an opaque "null" origin), and the
 * only thing it ever changes in the host page is those iframes' heights.
 *
 * It follows the page: iframes added later (a docs engine's client-side navigation, a wiki that
 * inserts one) are picked up by a MutationObserver, and removed ones are forgotten. Included twice
 * (or by two loaders: defer, async, a module), only the first copy for a lesson origin works.
 */
import { isValidResize } from './protocol';

const HOST_SCRIPT_PATH = /\/embed\/host\.js$/;
/** An event the first copy answers, so a second copy of host.js for the same origin stands down. */
const CLAIM_EVENT = 'lesson-embed-host:claim';

/**
 * The lesson's origin: where this script was loaded from. A module script has no currentScript, so
 * then it is the one origin that the page's host.js scripts come from (none, or two: do nothing).
 */
function lessonOrigin(): string | undefined {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return new URL(current.src, location.href).origin;
  const origins = new Set(
    [...document.querySelectorAll<HTMLScriptElement>('script[src]')]
      .map((script) => new URL(script.src, location.href))
      .filter((url) => HOST_SCRIPT_PATH.test(url.pathname))
      .map((url) => url.origin),
  );
  return origins.size === 1 ? [...origins][0] : undefined;
}

function frameOrigin(iframe: HTMLIFrameElement): string | undefined {
  try {
    return new URL(iframe.src, location.href).origin;
  } catch {
    return undefined;
  }
}

/** Whether another copy of host.js already serves this origin; if not, this copy claims it. */
function alreadyServed(origin: string): boolean {
  const claim = new CustomEvent<{ origin: string; served: boolean }>(CLAIM_EVENT, { detail: { origin, served: false } });
  document.dispatchEvent(claim);
  if (claim.detail.served) return true;
  document.addEventListener(CLAIM_EVENT, (event) => {
    const detail = (event as CustomEvent<{ origin: string; served: boolean }>).detail;
    if (detail?.origin === origin) detail.served = true;
  });
  return false;
}

function follow(origin: string): void {
  /** The lesson iframes this copy serves, each with the listener that greets its page on every load. */
  const frames = new Map<HTMLIFrameElement, () => void>();

  const attach = (iframe: HTMLIFrameElement) => {
    // The greeting carries nothing but its type, so it may go to whatever page the frame holds ("*"):
    // naming the origin would log an error while the frame still holds its first about:blank.
    const greet = () => iframe.contentWindow?.postMessage({ type: 'iframe-child-init' }, '*');
    frames.set(iframe, greet);
    iframe.addEventListener('load', greet);
    // Greet now too, for a frame that loaded before this script ran (async, or inserted by a
    // router before a late script); a frame still on about:blank ignores it and is greeted on load.
    greet();
  };

  const detach = (iframe: HTMLIFrameElement) => {
    iframe.removeEventListener('load', frames.get(iframe)!);
    frames.delete(iframe);
  };

  const scan = () => {
    for (const iframe of frames.keys()) if (!iframe.isConnected || frameOrigin(iframe) !== origin) detach(iframe);
    for (const iframe of document.querySelectorAll<HTMLIFrameElement>('iframe[data-lesson-embed]')) {
      if (!frames.has(iframe) && frameOrigin(iframe) === origin) attach(iframe);
    }
  };

  window.addEventListener('message', (event: MessageEvent) => {
    // An opaque origin serializes as "null", which is never the lesson's.
    if (event.origin !== origin || !event.source) return;
    for (const iframe of frames.keys()) {
      if (iframe.contentWindow !== event.source) continue;
      if (isValidResize(event.data)) iframe.style.height = `${Math.ceil(event.data.height)}px`;
      return;
    }
  });

  // Observing changes only: the iframes' own height changes are not childList or watched attributes.
  new MutationObserver(scan).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['src', 'data-lesson-embed'],
  });
  scan();
}

const origin = typeof document === 'undefined' ? undefined : lessonOrigin();
if (origin && origin !== 'null' && !alreadyServed(origin)) follow(origin);
