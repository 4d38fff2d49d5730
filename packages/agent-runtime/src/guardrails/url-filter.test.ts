import { describe, expect, it } from 'vitest';
import { createGuardrailRegistry } from './guardrail-registry.js';

const spec = createGuardrailRegistry().require('url_filter');

function check(text: string, config: Record<string, unknown>) {
  return spec.check({ text, history: [] }, { ...spec.defaultConfig, ...config }, {});
}

describe('url_filter', () => {
  it('passes any URL when both lists are empty', async () => {
    const result = await check('See https://example.com/docs.', {});
    expect(result.info).toMatchObject({ flagged: false, urls_checked: 1 });
  });

  it('blocks listed domains and their subdomains', async () => {
    const result = await check('Try https://files.evil.com/x and https://good.org.', {
      url_block_list: ['evil.com'],
    });
    expect(result.tripwireTriggered).toBe(true);
    expect(result.info.blocked_urls).toEqual(['https://files.evil.com/x']);
  });

  it('does not match subdomains when check_subdomains is off', async () => {
    const result = await check('https://files.evil.com/x', {
      url_block_list: ['evil.com'],
      check_subdomains: false,
    });
    expect(result.info.flagged).toBe(false);
  });

  it('with an allow list, flags URLs not on it, and the block list wins over the allow list', async () => {
    const result = await check('docs.acme.com/guide, https://other.net and https://acme.com/private/x', {
      url_allow_list: ['acme.com'],
      url_block_list: ['https://acme.com/private'],
    });
    expect(result.info.not_allowed_urls).toEqual(['https://other.net']);
    expect(result.info.blocked_urls).toEqual(['https://acme.com/private/x']);
    expect(result.info.urls_checked).toBe(3);
  });

  it('only checks scheme URLs when extract_urls is off, and never treats emails as domains', async () => {
    const config = { url_block_list: ['evil.com'], extract_urls: false };
    expect((await check('visit evil.com now', config)).info.flagged).toBe(false);
    expect((await check('visit http://evil.com now', config)).info.flagged).toBe(true);
    expect((await check('mail bob@evil.com', { url_block_list: ['evil.com'] })).info.flagged).toBe(false);
  });
});
