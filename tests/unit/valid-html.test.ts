import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { moveIslandStyleToHead, withoutNegativeHeight, withoutNegativeHeights } from '../../src/integrations/valid-html';
import { formatProblem, parseVnuReport } from '../../src/integrations/html-validation';

const ISLAND_STYLE = '<style>astro-island,astro-slot,astro-static-slot{display:contents}</style>';

describe('KaTeX output without negative heights', () => {
  it('drops only the negative height declarations', () => {
    expect(withoutNegativeHeight('height:-0.5136em')).toBe('');
    expect(withoutNegativeHeight('height:-0.25em;margin-right:0.05em')).toBe('margin-right:0.05em');
    expect(withoutNegativeHeight('top:-1.7em;height:2.7em')).toBe('top:-1.7em;height:2.7em');
    expect(withoutNegativeHeight('margin-top: -1em; height: -2em;')).toBe('margin-top: -1em');
  });

  it('fixes what KaTeX writes for a subscript on a tall delimiter, and keeps the rest of the math', () => {
    // As in "Long-range dependencies".
    const raw = katex.renderToString('\\left.\\frac{\\partial c_T}{\\partial c_{T-k}}\\right|_{\\text{direct}}', { displayMode: true });
    expect(raw, 'KaTeX no longer writes a negative height here: this fix may be unneeded').toMatch(/height:\s*-\d/);
    const fixed = withoutNegativeHeights(raw);
    expect(fixed).not.toMatch(/height:\s*-\d/);
    // Only style attributes changed, and in them only the negative heights.
    expect(fixed.replace(/ style="[^"]*"/g, '')).toBe(raw.replace(/ style="[^"]*"/g, ''));
    const declarations = (html: string) =>
      [...html.matchAll(/style="([^"]*)"/g)].flatMap((match) => match[1]!.split(';')).filter((declaration) => declaration && !/^height:-/.test(declaration));
    expect(declarations(fixed)).toEqual(declarations(raw));
  });

  it('leaves scripts alone, even one that mentions such a style', () => {
    const script = '<script>const s = \'<i style="height:-1em">\';</script>';
    expect(withoutNegativeHeights(`<p style="height:-1em">a</p>${script}<b style="color:red;height:-2px">b</b>`)).toBe(
      `<p>a</p>${script}<b style="color:red">b</b>`,
    );
  });
});

describe("Astro's island style", () => {
  const page = (head: string, body: string) => `<!doctype html><html><head><title>t</title>${head}</head><body>${body}</body></html>`;

  it('moves to the end of <head>, once, from anywhere in the body', () => {
    const html = page('', `<main><p>a</p>${ISLAND_STYLE}<astro-island></astro-island><div>${ISLAND_STYLE}</div></main>`);
    expect(moveIslandStyleToHead(html)).toBe(page(ISLAND_STYLE, '<main><p>a</p><astro-island></astro-island><div></div></main>'));
  });

  it('leaves a page without islands, or with the style already in <head>, as it was', () => {
    const plain = page('', '<main><style>p{color:red}</style></main>');
    expect(moveIslandStyleToHead(plain)).toBe(plain);
    const done = page(ISLAND_STYLE, '<main></main>');
    expect(moveIslandStyleToHead(done)).toBe(done);
  });
});

describe("the Nu checker's report", () => {
  const report = JSON.stringify({
    messages: [
      { type: 'error', url: 'file:/repo/dist/search/index.html', lastLine: 8, firstColumn: 277, lastColumn: 298, message: 'Stray start tag “script”.' },
      { type: 'info', subType: 'warning', url: 'file:/repo/dist/index.html', lastLine: 1, message: 'a warning' },
      { type: 'non-document-error', subType: 'fatal', url: 'file:/repo/dist/x.html', message: 'Cannot recover after last error.' },
    ],
  });

  it('keeps errors and fatal messages, with paths relative to the repository', () => {
    const problems = parseVnuReport(report, '/repo');
    expect(problems.map(formatProblem)).toEqual(['dist/search/index.html:8:277: Stray start tag “script”.', 'dist/x.html: Cannot recover after last error.']);
  });

  it('says so when the report is not JSON', () => {
    expect(() => parseVnuReport('Exception in thread "main"', '/repo')).toThrow(/not JSON/);
  });
});
