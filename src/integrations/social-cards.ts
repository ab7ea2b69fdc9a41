/**
 * Draws each chapter's social card (see src/utils/social-card.ts) after the build:
 * the chapter's title over its first figure, taken from the built page, so the card
 * uses the lesson's own figure kit and its light theme's colours (from global.css).
 * SVG → PNG with sharp (libvips and librsvg), which Astro installs.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import sharp from 'sharp';
import { LESSON_CARD, SOCIAL_CARD_SIZE, socialCardPath } from '../utils/social-card';

export interface CardText {
  /** The page's name: a chapter's title, or the lesson's. */
  title: string;
  /** Above the title, smaller: the lesson's name on a chapter's card. */
  kicker: string;
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** Text from HTML (entities Astro writes decoded), for reuse in SVG. */
export function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, entity: string) => {
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
      if (entity[0] !== '#') return named[entity.toLowerCase()]!;
      return String.fromCodePoint(entity[1]?.toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
    })
    .trim();
}

/** Words broken into lines of at most `width` characters (a long word gets a line of its own). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * The `.fig-*` rules of the lesson's stylesheet, with each `var(--x)` replaced by the
 * light theme's value (librsvg knows neither custom properties nor light-dark()).
 */
export function figureStyles(css: string): string {
  const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  const properties = new Map([...root.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((match) => [match[1]!, match[2]!.trim()]));
  const light = (value: string): string => value.replace(/light-dark\(\s*([^,()]+)\s*,[^()]*\)/g, '$1');
  const resolve = (value: string, depth = 0): string =>
    depth > 5
      ? value
      : light(value.replace(/var\((--[\w-]+)\)/g, (whole, name: string) => (properties.has(name) ? resolve(properties.get(name)!, depth + 1) : whole)));
  // Top-level rules only: those inside @media (print) are for other media.
  const rules: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < css.length; index += 1) {
    if (css[index] === '{') {
      if (depth === 0) {
        const selector = css
          .slice(start, index)
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .trim();
        const end = css.indexOf('}', index);
        if (/^\.fig-[\w.-]+(\s*,\s*\.fig-[\w.-]+)*$/.test(selector) && end > 0 && !css.slice(index + 1, end).includes('{')) {
          rules.push(
            `${selector}{${resolve(css.slice(index + 1, end))
              .replace(/\s+/g, ' ')
              .trim()}}`,
          );
        }
      }
      depth += 1;
    } else if (css[index] === '}') {
      depth -= 1;
      if (depth === 0) start = index + 1;
    }
  }
  return rules.join('\n');
}

/** The first figure panel (`<svg class="diagram-panel" …>`) on a built page, as its viewBox and inner SVG; undefined if none. */
export function firstFigurePanel(html: string): { viewBox: string; inner: string } | undefined {
  const open = /<svg\b[^>]*\bclass="diagram-panel"[^>]*>/.exec(html);
  if (!open) return undefined;
  const viewBox = /\bviewBox="([^"]+)"/.exec(open[0])?.[1];
  const end = html.indexOf('</svg>', open.index);
  if (!viewBox || end < 0) return undefined;
  // Panels hold no nested <svg>, so the first </svg> closes this one.
  return { viewBox, inner: html.slice(open.index + open[0].length, end) };
}

/** The card as SVG: kicker and title at the top, the figure (if any) scaled into the space below. */
export function cardSvg(text: CardText, figure: { viewBox: string; inner: string } | undefined, styles: string): string {
  const { width, height } = SOCIAL_CARD_SIZE;
  const margin = 64;
  const titleSize = 56;
  const titleLines = wrapWords(text.title, 34).slice(0, 3);
  const titleTop = margin + 40 + titleSize;
  const titleBottom = titleTop + (titleLines.length - 1) * titleSize * 1.15;
  const figureTop = titleBottom + 40;
  const title = titleLines
    .map((line, index) => `<tspan x="${margin}" y="${(titleTop + index * titleSize * 1.15).toFixed(1)}">${escapeXml(line)}</tspan>`)
    .join('');
  const drawing = figure
    ? `<svg x="${margin}" y="${figureTop.toFixed(1)}" width="${width - 2 * margin}" height="${(height - figureTop - margin / 2).toFixed(1)}" viewBox="${escapeXml(figure.viewBox)}" preserveAspectRatio="xMidYMid meet">${figure.inner}</svg>`
    : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<style>${styles}\ntext{font-family:'DejaVu Sans','Liberation Sans',Arial,sans-serif}</style>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<rect width="${width}" height="12" fill="#0072b2"/><rect y="12" width="${width}" height="6" fill="#b54a00"/>`,
    `<text x="${margin}" y="${margin + 24}" font-size="28" fill="#505a64">${escapeXml(text.kicker)}</text>`,
    `<text font-size="${titleSize}" font-weight="700" fill="#1b1f24">${title}</text>`,
    drawing,
    '</svg>',
  ].join('\n');
}

export async function renderCard(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
}

/** The lesson's stylesheet, whose figure rules the cards reuse. */
const STYLESHEET = new URL('../styles/global.css', import.meta.url);

export function socialCards(): AstroIntegration {
  return {
    name: 'lesson:social-cards',
    hooks: {
      'astro:build:done': async ({ dir, pages, logger }) => {
        const out = fileURLToPath(dir);
        const styles = figureStyles(await readFile(STYLESHEET, 'utf8'));
        const read = (pathname: string) => readFile(join(out, pathname, 'index.html'), 'utf8');
        const write = async (card: string, svg: string) => {
          const file = join(out, socialCardPath(card));
          await mkdir(dirname(file), { recursive: true });
          await writeFile(file, await renderCard(svg));
        };
        const home = await read('');
        // The start page's <title> is the lesson's name alone.
        const lessonTitle = htmlText(/<title>([\s\S]*?)<\/title>/.exec(home)?.[1] ?? '');
        const chapters = pages.map((page) => /^chapters\/([^/]+)\/$/.exec(page.pathname)?.[1]).filter((id): id is string => id !== undefined);
        for (const id of chapters) {
          const html = await read(`chapters/${id}/`);
          const title = htmlText(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? id);
          await write(id, cardSvg({ kicker: lessonTitle, title }, firstFigurePanel(html), styles));
        }
        // The lesson's card: its title over the first figure of the first chapter the start page links to.
        const linked = chapters.map((id) => ({ id, at: home.indexOf(`chapters/${id}/"`) })).filter(({ at }) => at >= 0);
        const first = linked.sort((a, b) => a.at - b.at)[0]?.id;
        const figure = first ? firstFigurePanel(await read(`chapters/${first}/`)) : undefined;
        await write(LESSON_CARD, cardSvg({ kicker: 'An interactive lesson', title: lessonTitle }, figure, styles));
        logger.info(`drew ${chapters.length + 1} social cards into ${socialCardPath('*')}`);
      },
    },
  };
}
