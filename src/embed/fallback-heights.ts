/**
 * The height a snippet's iframe has where no host.js runs (a wiki that allows only an iframe): each
 * embed page's content height in a 760 px wide frame, a typical wiki column, before any run.
 * Measured in Chromium by tests/e2e/embed-heights.spec.ts, which fails when a page drifts more than
 * 10% from its entry; refresh with UPDATE_EMBED_HEIGHTS=1 npx playwright test tests/e2e/embed-heights.spec.ts
 */
export const MEASURED_AT_WIDTH = 760;

export const FALLBACK_HEIGHTS: { chapters: Record<string, number>; experiments: Record<string, number> } = {
  chapters: {
    'information-bottleneck': 6631,
    'long-range-dependencies': 6661,
    'quadratic-cost': 7459,
    'sequential-computation': 7585,
    summary: 3970,
    'when-rnns-win': 11253,
    'why-the-shift': 3821,
  },
  experiments: {
    bottleneck: 581,
    gradients: 706,
    parallelism: 618,
    'quadratic-cost': 553,
    'recall-training': 758,
    scan: 553,
    streaming: 714,
  },
};
