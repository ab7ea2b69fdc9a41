/** Inside an embed page: answer the host script's resize protocol (@open-iframe-resizer/core). */
import { initializeChildListener } from '@open-iframe-resizer/core';

initializeChildListener();

// Once a host script is sizing this frame, the page never needs its own scroll bar.
// Without one, the frame keeps a fixed height and the page scrolls inside it as usual.
window.addEventListener('message', (event: MessageEvent) => {
  if ((event.data as { type?: unknown } | null)?.type === 'iframe-child-init') document.documentElement.classList.add('embed-resized');
});
