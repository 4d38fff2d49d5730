import { isAppError } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { otpauthUrl } from './otpauth-url.js';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('otpauthUrl', () => {
  it('builds a Key URI with the default issuer', () => {
    expect(otpauthUrl({ secret: SECRET, accountName: 'ada@example.com' })).toBe(
      `otpauth://totp/OpenAI-Agent:ada%40example.com?secret=${SECRET}&issuer=OpenAI-Agent&algorithm=SHA1&digits=6&period=30`,
    );
  });

  it('percent-encodes spaces and reserved characters (never `+`)', () => {
    const url = otpauthUrl({ secret: SECRET, accountName: 'a+b@example.com', issuer: 'Acme & Co' });
    expect(url.startsWith('otpauth://totp/Acme%20%26%20Co:a%2Bb%40example.com?')).toBe(true);
    expect(url).toContain('&issuer=Acme%20%26%20Co&');
    expect(url.split('?')[0]).not.toContain('+');
  });

  it('parses back into its parts with the URL API', () => {
    const url = new URL(otpauthUrl({ secret: SECRET, accountName: 'ünï@example.com', issuer: 'Ä Co' }));
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/Ä Co:ünï@example.com');
    expect(url.searchParams.get('secret')).toBe(SECRET);
    expect(url.searchParams.get('issuer')).toBe('Ä Co');
  });

  it.each([
    { accountName: 'a:b@example.com', issuer: 'Acme' },
    { accountName: 'a@example.com', issuer: 'Ac:me' },
    { accountName: '', issuer: 'Acme' },
    { accountName: 'a@example.com', issuer: '' },
  ])('rejects an ambiguous or empty label %j', (input) => {
    let thrown: unknown;
    try {
      otpauthUrl({ secret: SECRET, ...input });
    } catch (error) {
      thrown = error;
    }
    expect(isAppError(thrown) && thrown.code === 'BadRequest').toBe(true);
  });
});
