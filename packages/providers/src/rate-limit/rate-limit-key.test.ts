import { describe, expect, it } from 'vitest';
import { rateLimitKey } from './rate-limit-key.js';

describe('rateLimitKey', () => {
  it('joins prefix, kind, name and parts with colons', () => {
    expect(rateLimitKey('rate-limit', 'quota', 'chat_per_minute', ['t1', 'u1'])).toBe(
      'rate-limit:quota:chat_per_minute:t1:u1',
    );
    expect(rateLimitKey('rl', 'concurrency', 'streams', ['t1'])).toBe('rl:concurrency:streams:t1');
  });

  it('leaves out the trailing separator for a global limit without parts', () => {
    expect(rateLimitKey('rl', 'quota', 'global', [])).toBe('rl:quota:global');
  });

  it('encodes parts so a colon inside a part cannot collide with two parts', () => {
    const joined = rateLimitKey('rl', 'quota', 'q', ['a:b']);
    const split = rateLimitKey('rl', 'quota', 'q', ['a', 'b']);
    expect(joined).not.toBe(split);
    expect(joined).toBe('rl:quota:q:a%3Ab');
    // An already-encoded part is encoded again, so it cannot pose as a colon either.
    expect(rateLimitKey('rl', 'quota', 'q', ['a%3Ab'])).not.toBe(joined);
  });
});
