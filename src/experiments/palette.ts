/** Series colours and dashes, distinguishable in both themes and for common colour-vision deficiencies (Okabe–Ito). */
export const SERIES_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];
export const SERIES_DASHES: number[][] = [[], [6, 4], [2, 3], [10, 3, 2, 3], [4, 4], [1, 2]];

/**
 * The lesson's visual language: one colour per family, the values of `--recurrent` and `--attention` in
 * src/styles/global.css (light, dark), for canvases and exported SVG, which cannot read CSS variables.
 */
export const FAMILY_COLORS = {
  recurrent: { light: '#b54a00', dark: '#f5793a' },
  attention: { light: '#0072b2', dark: '#56b4e9' },
} as const;

export type SeriesFamily = keyof typeof FAMILY_COLORS;

/** Which family a series belongs to, from its name; undefined for a series that is neither. */
export function seriesFamily(name: string): SeriesFamily | undefined {
  if (/attention|transformer|kv cache/i.test(name)) return 'attention';
  if (/\brnn\b|lstm|gru|recurren|state/i.test(name)) return 'recurrent';
  return undefined;
}

/** A series' colour: its family's CSS variable where it has one, so plots match the figures; otherwise the index's. */
export function seriesColor(name: string, index: number): string {
  const family = seriesFamily(name);
  return family ? `var(--${family})` : SERIES_COLORS[index % SERIES_COLORS.length]!;
}
