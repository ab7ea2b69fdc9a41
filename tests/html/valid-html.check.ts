import { existsSync } from 'node:fs';
import { expect, test } from 'vitest';
import { formatProblem, reportProblems, validateHtml } from '../../src/integrations/html-validation';

// The builds to check: CHECK_HTML_DIRS=dist,dist-subpath (npm test), else OUT_DIR or dist.
const dirs = (process.env.CHECK_HTML_DIRS ?? process.env.OUT_DIR ?? 'dist')
  .split(',')
  .map((dir) => dir.trim())
  .filter(Boolean);

test(`the Nu HTML checker finds no error in ${dirs.join(' and ')}`, () => {
  for (const dir of dirs)
    expect(existsSync(dir), `${dir} does not exist: build it first (npm run build:local, or npm run build:subpath for dist-subpath)`).toBe(true);
  const problems = validateHtml(dirs);
  reportProblems(problems);
  expect(problems.map(formatProblem), 'invalid HTML in the built pages (see CONTRIBUTING.md, "Valid HTML")').toEqual([]);
});
