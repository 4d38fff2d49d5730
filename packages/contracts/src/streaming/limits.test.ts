import { describe, expect, it } from 'vitest';
import { boundedJson } from './bounded-json.js';
import { isSensitiveKey, PUBLIC_SSE_LIMITS, SENSITIVE_KEY_FRAGMENTS } from './limits.js';

describe('§2.6 limits', () => {
  it('carries the numbers of the spec', () => {
    expect(PUBLIC_SSE_LIMITS).toEqual({
      argumentStringChars: 4_000,
      argumentsTextChars: 8_000,
      argumentsDeltaChars: 2_000,
      toolOutputStringChars: 8_000,
      fileSearchMaxResults: 10,
      fileSearchResultTextChars: 2_000,
      approvalReasonChars: 2_000,
      chunkDataChars: 131_072,
    });
    expect(SENSITIVE_KEY_FRAGMENTS).toHaveLength(12);
  });

  it('finds sensitive keys by case-insensitive substring', () => {
    for (const key of [
      'api_key',
      'OPENAI_API_KEY',
      'Authorization',
      'githubToken',
      'db_password',
      'x-secret-id',
    ]) {
      expect(isSensitiveKey(key), key).toBe(true);
    }
    for (const key of ['query', 'timezone', 'author', 'tok_count', 'passage']) {
      expect(isSensitiveKey(key), key).toBe(false);
    }
  });

  it('bounds every string of a JSON value, at any depth', () => {
    const schema = boundedJson(3);
    expect(schema.safeParse({ a: ['abc', 1, true, null, { b: 'xyz' }] }).success).toBe(true);
    expect(schema.safeParse({ a: [{ b: 'wxyz' }] }).success).toBe(false);
    expect(schema.safeParse('abcd').success).toBe(false);
    expect(schema.safeParse(Number.NaN).success).toBe(false);
    expect(schema.safeParse({ a: undefined }).success).toBe(false);
  });
});
