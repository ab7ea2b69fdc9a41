/**
 * Powers written in plain text as "x^y" (the sentences, series names and labels are strings),
 * split so a component can set the exponent as a superscript: "T^1.94" → ["T", sup "1.94"].
 * The exponent is a brace group "^{…}" or a run of an optional minus and letters, digits and dots.
 */
const POWER = /\^(?:\{([^}]*)\}|([-−]?[\p{L}\p{N}₀-₉]+(?:\.\p{N}+)?))/gu;

export type TextPart = { text: string; superscript: boolean };

/** The text cut into plain runs and exponents, in order; text without a caret is one plain part. */
export function splitPowers(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(POWER)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), superscript: false });
    parts.push({ text: (match[1] ?? match[2]!).replace('-', '−'), superscript: true });
    last = match.index + match[0].length;
  }
  if (last < text.length || parts.length === 0) parts.push({ text: text.slice(last), superscript: false });
  return parts;
}

const SUPERSCRIPT_CHARACTERS: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '−': '⁻',
  '+': '⁺',
  k: 'ᵏ',
  n: 'ⁿ',
  i: 'ⁱ',
  d: 'ᵈ',
  m: 'ᵐ',
  t: 'ᵗ',
  x: 'ˣ',
  T: 'ᵀ',
};

/**
 * The same text with every exponent in Unicode superscript characters, for places that take only
 * text (a canvas, the plot's legend): "f^k" → "fᵏ". An exponent with a character that has no
 * superscript form (a decimal point) keeps its caret, so nothing is misread.
 */
export function superscriptText(text: string): string {
  return splitPowers(text)
    .map(({ text: part, superscript }) => {
      if (!superscript) return part;
      const characters = [...part].map((character) => SUPERSCRIPT_CHARACTERS[character]);
      return characters.every((character) => character !== undefined) ? characters.join('') : `^${part}`;
    })
    .join('');
}
