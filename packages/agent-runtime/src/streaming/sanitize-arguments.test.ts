import { PUBLIC_SSE_LIMITS, REDACTED_VALUE } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { sanitizeArguments } from './sanitize-arguments.js';
import { chunkString, joinPath, sanitizeJson } from './sanitize-payload.js';

describe('sanitizeArguments', () => {
  it('redacts sensitive keys and truncates long strings, with notices', () => {
    const raw = JSON.stringify({ api_key: 'x', q: 'a'.repeat(5_000) });
    const result = sanitizeArguments(raw);
    expect(result.json).toEqual({
      api_key: REDACTED_VALUE,
      q: 'a'.repeat(PUBLIC_SSE_LIMITS.argumentStringChars),
    });
    expect(result.text).toBe(JSON.stringify(result.json));
    expect(result.notices).toEqual([
      expect.objectContaining({ type: 'redacted', path: 'api_key' }),
      expect.objectContaining({ type: 'truncated', path: 'q' }),
    ]);
  });

  it('cuts the whole text to 8 000 characters and keeps non-JSON text as text', () => {
    const many = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`k${i}`, 'b'.repeat(3_000)]));
    const result = sanitizeArguments(JSON.stringify(many));
    expect(result.text).toHaveLength(PUBLIC_SSE_LIMITS.argumentsTextChars);
    expect(result.notices).toEqual([expect.objectContaining({ type: 'truncated', path: 'arguments_text' })]);

    const plain = sanitizeArguments('not json');
    expect(plain).toEqual({ text: 'not json', notices: [] });
  });
});

describe('sanitizeJson', () => {
  it('uses dot/bracket paths at any depth', () => {
    const { value, notices } = sanitizeJson(
      { items: [{ Authorization: 'Bearer x', 'odd key': { refreshToken: 't' } }] },
      10,
      'output',
    );
    expect(value).toEqual({
      items: [{ Authorization: REDACTED_VALUE, 'odd key': { refreshToken: REDACTED_VALUE } }],
    });
    expect(notices.map((notice) => notice.path)).toEqual([
      'output.items[0].Authorization',
      'output.items[0]["odd key"].refreshToken',
    ]);
    expect(joinPath('', 'a')).toBe('a');
  });
});

describe('chunkString', () => {
  it('splits into pieces of at most the size, losslessly', () => {
    const text = 'x'.repeat(4_500);
    const pieces = chunkString(text, PUBLIC_SSE_LIMITS.argumentsDeltaChars);
    expect(pieces.map((piece) => piece.length)).toEqual([2_000, 2_000, 500]);
    expect(pieces.join('')).toBe(text);
    expect(chunkString('', 10)).toEqual(['']);
  });
});
