import { describe, expect, test } from 'vitest';
import { parseTheme, readStoredTheme, storeTheme } from '../../src/utils/theme';

describe('theme choice', () => {
  test('parses only known values', () => {
    expect(parseTheme('dark')).toBe('dark');
    expect(parseTheme('light')).toBe('light');
    expect(parseTheme('purple')).toBe('auto');
    expect(parseTheme(null)).toBe('auto');
  });

  test('stores explicit choices and forgets "auto"', () => {
    const map = new Map<string, string>();
    const storage = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
    };
    storeTheme('dark', storage);
    expect(readStoredTheme(storage)).toBe('dark');
    storeTheme('auto', storage);
    expect(map.size).toBe(0);
    expect(
      readStoredTheme({
        getItem: () => {
          throw new Error('denied');
        },
      }),
    ).toBe('auto');
  });
});
