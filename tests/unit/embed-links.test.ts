import { describe, expect, it } from 'vitest';
import { isInPageLink, targetLinksForFrame } from '../../src/utils/embed-links';

const page = '/base/embed/summary/';

describe('links in an embedded page', () => {
  it('tells in-page links from links that leave the page', () => {
    expect(isInPageLink('#ref-3', page)).toBe(true);
    expect(isInPageLink('/base/embed/summary/#ref-3', page)).toBe(true);
    expect(isInPageLink('/base/embed/summary/', page)).toBe(false);
    expect(isInPageLink('/base/chapters/summary/#ref-3', page)).toBe(false);
    expect(isInPageLink('?theme=dark#ref-3', page)).toBe(false);
    expect(isInPageLink('https://doi.org/10.1162/neco.1997.9.8.1735', page)).toBe(false);
    expect(isInPageLink('mailto:a@example.com', page)).toBe(false);
  });

  it('opens links that leave the page in a new tab, and leaves in-page links to scroll inside the frame', () => {
    const html = [
      '<h2 id="a"><a class="heading-anchor" href="#a" aria-label="Link to this section">#</a></h2>',
      '<a class="cite" href="#ref-1" title="Long Short-Term Memory (1997)">[1]</a>',
      '<a href="https://arxiv.org/abs/1406.1078">arXiv</a>',
      '<a href="/base/chapters/summary/" rel="prev">Summary</a>',
      '<a href="/base/chapters/x/" target="_top">kept</a>',
      '<a title="a > b" href=\'https://example.com/?a=1&amp;b=2\'>quoted</a>',
      '<abbr title="x">abbr</abbr><a>no href</a>',
    ].join('\n');
    expect(targetLinksForFrame(html, page).split('\n')).toEqual([
      '<h2 id="a"><a class="heading-anchor" href="#a" aria-label="Link to this section">#</a></h2>',
      '<a class="cite" href="#ref-1" title="Long Short-Term Memory (1997)">[1]</a>',
      '<a href="https://arxiv.org/abs/1406.1078" target="_blank" rel="noopener">arXiv</a>',
      '<a href="/base/chapters/summary/" rel="prev" target="_blank">Summary</a>',
      '<a href="/base/chapters/x/" target="_top">kept</a>',
      '<a title="a > b" href=\'https://example.com/?a=1&amp;b=2\' target="_blank" rel="noopener">quoted</a>',
      '<abbr title="x">abbr</abbr><a>no href</a>',
    ]);
  });
});
