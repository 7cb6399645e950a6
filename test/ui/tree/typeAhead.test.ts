// Type-ahead in the outline, as a pure function: where typed text moves focus.
import { describe, expect, it } from 'vitest';
import {
  isTypeAheadKey,
  TYPE_AHEAD_RESET_MS,
  typeAheadRow,
  typeAheadText,
} from '../../../src/features/outline/typeAhead.ts';

const names = ['receive', 'classify', 'retrieve', 'rank', 'Respond', 'check'];
const nameOf = (row: number) => names[row]!;

describe('typeAheadRow', () => {
  it('moves to the next row starting with a typed character, ignoring case, and wraps around', () => {
    expect(typeAheadRow(names.length, nameOf, 0, 'r')).toBe(2);
    expect(typeAheadRow(names.length, nameOf, 2, 'r')).toBe(3);
    expect(typeAheadRow(names.length, nameOf, 3, 'r')).toBe(4);
    expect(typeAheadRow(names.length, nameOf, 4, 'r')).toBe(0);
    expect(typeAheadRow(names.length, nameOf, 5, 'c')).toBe(1);
  });

  it('treats the same character typed again as "the next one starting with it"', () => {
    expect(typeAheadRow(names.length, nameOf, 2, 'rr')).toBe(3);
    expect(typeAheadRow(names.length, nameOf, 3, 'rrr')).toBe(4);
  });

  it('narrows with more characters, staying on the focused row while it still matches', () => {
    expect(typeAheadRow(names.length, nameOf, 2, 're')).toBe(2);
    expect(typeAheadRow(names.length, nameOf, 2, 'res')).toBe(4);
    expect(typeAheadRow(names.length, nameOf, 0, 'ch')).toBe(5);
  });

  it('finds nothing for text no row starts with, or with no rows', () => {
    expect(typeAheadRow(names.length, nameOf, 1, 'x')).toBe(-1);
    expect(typeAheadRow(0, nameOf, 0, 'r')).toBe(-1);
    expect(typeAheadRow(names.length, nameOf, 0, '')).toBe(-1);
  });
});

describe('typeAheadText', () => {
  it('adds quick keystrokes together and starts again after a pause', () => {
    const a = typeAheadText(null, 'R', 1000);
    expect(a.text).toBe('r');
    const b = typeAheadText(a, 'e', 1000 + TYPE_AHEAD_RESET_MS - 1);
    expect(b.text).toBe('re');
    expect(typeAheadText(b, 'c', b.at + TYPE_AHEAD_RESET_MS + 1).text).toBe('c');
  });

  it('takes printable keys without Ctrl, Alt or Meta, and not Space', () => {
    const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
      isTypeAheadKey({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });
    expect(key('a')).toBe(true);
    expect(key('A')).toBe(true);
    expect(key('_')).toBe(true);
    expect(key(' ')).toBe(false);
    expect(key('ArrowDown')).toBe(false);
    expect(key('a', { ctrlKey: true })).toBe(false);
    expect(key('a', { metaKey: true })).toBe(false);
    expect(key('a', { altKey: true })).toBe(false);
  });
});
