import { describe, expect, it } from 'vitest';
import { parseUserAgent } from './parse-user-agent.js';

describe('parseUserAgent', () => {
  it('describes a desktop Chrome on Windows', () => {
    const ua =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
    expect(parseUserAgent(ua)).toEqual({ platform: 'Windows 10', browser: 'Chrome 120', device: 'desktop' });
  });

  it('describes Safari on an iPhone', () => {
    const ua =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1';
    expect(parseUserAgent(ua)).toEqual({
      platform: 'iOS 17.1',
      browser: 'Mobile Safari 17',
      device: 'mobile',
    });
  });

  it('describes an iPad as a tablet', () => {
    const ua =
      'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1';
    expect(parseUserAgent(ua).device).toBe('tablet');
  });

  it('describes Firefox on Linux', () => {
    const ua = 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0';
    expect(parseUserAgent(ua)).toEqual({ platform: 'Linux', browser: 'Firefox 121', device: 'desktop' });
  });

  it.each([undefined, null, '', '   '])('is unknown throughout for %j', (ua) => {
    expect(parseUserAgent(ua)).toEqual({ platform: 'unknown', browser: 'unknown', device: 'unknown' });
  });

  it('is unknown for an unrecognisable agent rather than claiming desktop', () => {
    expect(parseUserAgent('zzz-not-a-browser')).toEqual({
      platform: 'unknown',
      browser: 'unknown',
      device: 'unknown',
    });
  });

  it('copes with a very long header quickly', () => {
    const started = performance.now();
    const result = parseUserAgent(`Mozilla/5.0 ${'(a; '.repeat(50_000)}`);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(typeof result.platform).toBe('string');
  });
});
