/**
 * Inside an embed page: the child half of the resize protocol that host.js speaks
 * ("iframe-child-init" in, "iframe-resized" out; the message names of @open-iframe-resizer, which the lesson no longer uses).
 *
 * Written here, not taken from that library, whose child listener also takes a CSS selector
 * and body padding and margin from the parent. The lesson's host sends none of them, so this side
 * ignores every field but `type`; and it answers only its parent window, never a sibling frame.
 */

const SCROLLBAR_HIDDEN_CLASS = 'embed-resized';

/** Heights differ by rounding only (the host sets the height it was sent, we measure with ceil). */
const HEIGHT_TOLERANCE_PX = 1;

let observing = false;
let lastPostedHeight = 0;

function postHeight(): void {
  const { width, height } = document.documentElement.getBoundingClientRect();
  lastPostedHeight = Math.ceil(height);
  window.parent.postMessage({ type: 'iframe-resized', width: Math.ceil(width), height: lastPostedHeight }, '*');
  // Until the host catches up, content that outgrew the frame must stay reachable by scrolling.
  if (lastPostedHeight > window.innerHeight + HEIGHT_TOLERANCE_PX) document.documentElement.classList.remove(SCROLLBAR_HIDDEN_CLASS);
}

window.addEventListener('message', (event: MessageEvent) => {
  if (window.parent === window || event.source !== window.parent) return;
  if ((event.data as { type?: unknown } | null)?.type !== 'iframe-child-init' || observing) return;
  observing = true;
  new ResizeObserver(postHeight).observe(document.documentElement);
  // Now as well: Chrome does not render a cross-origin frame outside the viewport, so its
  // ResizeObserver waits until the reader scrolls to it, and the frame would keep its fixed height until then.
  postHeight();
});

// The scroll bar goes only once the frame has been resized to a height this page asked for: proof
// that a host accepted it. A host that rejects the messages (host.js from another origin than the
// frame, or a page that only sends "iframe-child-init") leaves the frame scrolling as usual.
window.addEventListener('resize', () => {
  if (lastPostedHeight > 0 && Math.abs(window.innerHeight - lastPostedHeight) <= HEIGHT_TOLERANCE_PX) {
    document.documentElement.classList.add(SCROLLBAR_HIDDEN_CLASS);
  }
});
