/**
 * Copies text and says what happened, for a status line. Where the browser
 * blocks the clipboard and the text sits in a textarea, it selects the text so
 * the reader can copy it by hand.
 */
export async function copyText(text: string, what: string, field?: HTMLTextAreaElement): Promise<string> {
  try {
    await navigator.clipboard.writeText(text);
    return `Copied ${what}.`;
  } catch {
    if (!field) return `This browser did not allow copying ${what}.`;
    field.select();
    return 'Copying was blocked here; the code is selected, so press Ctrl+C or ⌘C.';
  }
}
