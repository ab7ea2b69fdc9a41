/**
 * The height a snippet's iframe has where no host.js runs (a wiki that allows only an iframe): each
 * embed page's content height in a 760 px wide frame, a typical wiki column, before any run.
 * Measured in Chromium by tests/e2e/embed-heights.spec.ts, which fails when a page drifts more than
 * 10% from its entry; refresh with UPDATE_EMBED_HEIGHTS=1 npx playwright test tests/e2e/embed-heights.spec.ts
 */
export const MEASURED_AT_WIDTH = 760;

export const FALLBACK_HEIGHTS: { chapters: Record<string, number>; experiments: Record<string, number> } = {
  chapters: {
    'information-bottleneck': 8189,
    'long-range-dependencies': 9852,
    'quadratic-cost': 9324,
    'sequential-computation': 13893,
    summary: 4782,
    'when-rnns-win': 19708,
    'why-the-shift': 5800,
  },
  experiments: {
    bottleneck: 668,
    gradients: 974,
    parallelism: 705,
    'quadratic-cost': 640,
    'recall-training': 845,
    scan: 640,
    'state-tracking': 845,
    streaming: 801,
  },
};
