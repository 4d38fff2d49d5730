import { describe, expect, it } from 'vitest';
import { characterClasses } from './character-classes.js';

describe('characterClasses', () => {
  it.each([
    ['', []],
    ['abc', ['lower']],
    ['ABC', ['upper']],
    ['123', ['digit']],
    ['!? ', ['symbol']],
    ['aB3$', ['digit', 'lower', 'symbol', 'upper']],
    ['Ünïcödé', ['lower', 'upper']],
    ['日本語', ['lower']],
    ['٣٤٥', ['digit']],
    ['🔐', ['symbol']],
  ])('classifies %j', (password, expected) => {
    expect([...characterClasses(password)].sort()).toEqual(expected);
  });
});
