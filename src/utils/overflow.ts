/**
 * A formula, code block, table or figure wider than the screen scrolls sideways; a keyboard
 * user can only scroll it if it can take focus. This gives exactly those blocks
 * a tab stop (and a name), and takes it away again when they fit.
 */
const SCROLLERS = '.katex-display, .math-display, .prose pre, .prose > table, .diagram-panels';

export function makeOverflowFocusable(root: ParentNode = document): void {
  const update = () => {
    for (const element of root.querySelectorAll<HTMLElement>(SCROLLERS)) {
      const overflows = element.scrollWidth > element.clientWidth + 1;
      if (overflows && !element.hasAttribute('tabindex')) {
        element.tabIndex = 0;
        element.setAttribute('role', element.getAttribute('role') ?? 'region');
        element.setAttribute(
          'aria-label',
          element.matches('pre')
            ? 'Code, scrolls sideways'
            : element.matches('table')
              ? 'Table, scrolls sideways'
              : element.matches('.diagram-panels')
                ? 'Figure, scrolls sideways'
                : 'Formula, scrolls sideways',
        );
        element.dataset.focusableOverflow = 'true';
      } else if (!overflows && element.dataset.focusableOverflow) {
        element.removeAttribute('tabindex');
        element.removeAttribute('aria-label');
        if (element.getAttribute('role') === 'region') element.removeAttribute('role');
        delete element.dataset.focusableOverflow;
      }
    }
  };
  // Measuring every block forces layout: do it when the page is idle, and again only when the width changes.
  const idle = globalThis.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 200));
  let width = document.documentElement.clientWidth;
  idle(() => update());
  new ResizeObserver(() => {
    if (document.documentElement.clientWidth === width) return;
    width = document.documentElement.clientWidth;
    idle(() => update());
  }).observe(document.documentElement);
}
