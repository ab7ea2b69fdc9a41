/**
 * The associative-recall experiment's fixed sizes, apart from figures.ts so the experiment's
 * definition (loaded by the page) can estimate its cost without loading the lesson's arithmetic.
 */

/** Key and value width, questions per length, and the shortest length. */
export const RECALL_EXPERIMENT = { width: 64, questions: 128, shortestT: 8 } as const;
