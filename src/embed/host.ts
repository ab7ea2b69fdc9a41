/**
 * The script a host page includes beside an embedded chapter or experiment:
 *   <script src="https://lesson.example/embed/host.js" defer></script>
 * It resizes every iframe marked data-lesson-embed to fit its content, using
 * @open-iframe-resizer/core (MIT). Only messages from the lesson's own origin,
 * sent by that iframe's window and shaped as a resize, are acted on.
 */
import { initialize } from '@open-iframe-resizer/core';
import { isValidResize } from '../utils/embed';

const script = document.currentScript as HTMLScriptElement | null;
const lessonOrigin = script ? new URL(script.src, location.href).origin : location.origin;

function start(): void {
  for (const iframe of document.querySelectorAll<HTMLIFrameElement>('iframe[data-lesson-embed]')) {
    if (iframe.dataset.lessonEmbedReady) continue;
    iframe.dataset.lessonEmbedReady = 'true';
    void initialize(
      {
        checkOrigin: [lessonOrigin],
        onBeforeIframeResize: ({ observedHeight }) => isValidResize({ type: 'iframe-resized', height: observedHeight }),
      },
      iframe,
    );
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
