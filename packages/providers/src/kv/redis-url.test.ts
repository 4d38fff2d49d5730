import { describe, expect, it } from 'vitest';
import { describeRedisUrl } from './redis-url.js';

describe('describeRedisUrl', () => {
  it('describes the target without credentials', () => {
    const info = describeRedisUrl('rediss://app:p%40ss@cache.internal:6380/2');
    expect(info.safeTarget).toBe('rediss://cache.internal:6380/2');
  });

  it('scrubs the password, raw and decoded, from any text', () => {
    const info = describeRedisUrl('redis://app:p%40ss@cache.internal:6379/0');
    expect(info.redact('auth p@ss failed for p%40ss')).toBe('auth *** failed for ***');
  });

  it('treats an unparseable URL as secret', () => {
    const info = describeRedisUrl('not a url with secret');
    expect(info.redact('failed: not a url with secret')).toBe('failed: ***');
    expect(info.safeTarget).not.toContain('secret');
  });
});
