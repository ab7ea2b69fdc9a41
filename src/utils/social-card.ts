/**
 * Social cards: the 1200×630 PNG a chat or a wiki shows for a shared link. Each
 * chapter has its own, drawn at build time from its first figure (see
 * src/integrations/social-cards.ts); every other page shows the lesson's card.
 */

/** The card of pages that are not a chapter. */
export const LESSON_CARD = 'lesson';

export const SOCIAL_CARD_SIZE = { width: 1200, height: 630 } as const;

/** Site-relative path of a card: `social/<chapter id>.png`, or the lesson's card. */
export function socialCardPath(card: string = LESSON_CARD): string {
  return `social/${card}.png`;
}
