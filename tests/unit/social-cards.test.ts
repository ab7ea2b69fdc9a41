import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { cardSvg, figureStyles, firstFigurePanel, htmlText, renderCard, wrapWords } from '../../src/integrations/social-cards';

describe('social cards', () => {
  it("take the figure kit's rules from the lesson's stylesheet, in the light theme's colours", () => {
    const styles = figureStyles(readFileSync('src/styles/global.css', 'utf8'));
    expect(styles).toContain('.fig-shape.is-recurrent{fill: #fbe6d6; stroke: #b54a00;}');
    expect(styles).toContain('.fig-shape.is-attention{fill: #deedf7; stroke: #0072b2;}');
    expect(styles).not.toMatch(/var\(|light-dark\(/);
    // Print rules (inside @media) and the rest of the page's rules stay out.
    expect(styles.split('\n').every((rule) => rule.startsWith('.fig-'))).toBe(true);
  });

  it('resolves nested custom properties and leaves unknown ones', () => {
    const css =
      ':root { --a: light-dark(#111, #eee); --b: var(--a); }\n.fig-x { fill: var(--b); stroke: var(--nope); }\n@media print { .fig-x { fill: black; } }\n.other { fill: red; }';
    expect(figureStyles(css)).toBe('.fig-x{fill: #111; stroke: var(--nope);}');
  });

  it("find a page's first figure panel", () => {
    const html =
      '<p>x</p><svg class="icon" viewBox="0 0 1 1"></svg><svg class="diagram-panel" role="img" viewBox="0 0 300 120" width="300"><title>t</title><rect class="fig-shape"/></svg><svg class="diagram-panel" viewBox="0 0 9 9"></svg>';
    expect(firstFigurePanel(html)).toEqual({ viewBox: '0 0 300 120', inner: '<title>t</title><rect class="fig-shape"/>' });
    expect(firstFigurePanel('<p>no figure</p>')).toBeUndefined();
  });

  it('wrap and decode titles', () => {
    expect(wrapWords('The cost: O(T²) attention in a long title', 16)).toEqual(['The cost: O(T²)', 'attention in a', 'long title']);
    expect(htmlText('Why <em>attention</em> &amp; &#x3C;RNNs&#62;')).toBe('Why attention & <RNNs>');
  });

  it('render to a 1200×630 PNG, with or without a figure, escaping the title', async () => {
    const figure = { viewBox: '0 0 100 50', inner: '<rect class="fig-shape is-recurrent" x="10" y="10" width="30" height="30"/>' };
    for (const drawing of [figure, undefined]) {
      const svg = cardSvg({ kicker: 'Lesson', title: 'Attention <& RNNs>' }, drawing, '.fig-shape{fill:#fbe6d6}');
      expect(svg).toContain('Attention &lt;&amp; RNNs&gt;');
      const png = await renderCard(svg);
      expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 1200, height: 630 });
    }
  });

  it('draw the title in a font this machine has (without one, librsvg leaves the text out)', async () => {
    const png = await renderCard(cardSvg({ kicker: 'Lesson', title: 'Attention' }, undefined, ''));
    // The darkest red value in a region (stats() reads the whole image, so the region is cut out first).
    const darkest = async (top: number) =>
      (await sharp(await sharp(png).extract({ left: 64, top, width: 400, height: 60 }).toBuffer()).stats()).channels[0]!.min;
    // The title's line: dark ink on the white card; lower down, nothing.
    expect(await darkest(110), 'no title text drawn: install a font (Debian: fonts-dejavu-core or fonts-liberation)').toBeLessThan(80);
    expect(await darkest(400)).toBe(255);
  });
});
