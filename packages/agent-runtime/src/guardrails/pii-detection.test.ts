import { describe, expect, it } from 'vitest';
import { createGuardrailRegistry } from './guardrail-registry.js';
import type { GuardrailCheckResult } from './guardrail-spec.js';
import { luhnValid } from './pii-entities.js';

const registry = createGuardrailRegistry();

async function check(
  key: string,
  text: string,
  config: Record<string, unknown> = {},
): Promise<GuardrailCheckResult> {
  const spec = registry.require(key);
  return spec.check({ text, history: [] }, { ...spec.defaultConfig, ...config }, {});
}

describe('PII detection checks', () => {
  it('masks the four default entities and leaves the rest of the text alone', async () => {
    const result = await check(
      'pii_detection_input',
      'Mail jane.doe@example.com or call (415) 555-0134; SSN 123-45-6789, card 4111 1111 1111 1111.',
    );
    expect(result.tripwireTriggered).toBe(false);
    expect(result.executionFailed).toBe(false);
    expect(result.info.flagged).toBe(true);
    expect(result.maskedContent).toBe(
      'Mail <EMAIL_ADDRESS> or call <PHONE_NUMBER>; SSN <US_SSN>, card <CREDIT_CARD>.',
    );
    expect(result.info.counts).toEqual({ EMAIL_ADDRESS: 1, PHONE_NUMBER: 1, US_SSN: 1, CREDIT_CARD: 1 });
    // Events carry entity names and counts, never the values.
    expect(JSON.stringify(result.info)).not.toContain('jane.doe');
  });

  it('trips the wire instead of masking when block is set', async () => {
    const result = await check('pii_detection_output', 'Reach me at +1 415 555 0134', { block: true });
    expect(result.tripwireTriggered).toBe(true);
    expect(result.info).toMatchObject({ flagged: true, action: 'block', entities: ['PHONE_NUMBER'] });
  });

  it('passes clean text and numbers that only look like PII', async () => {
    const result = await check(
      'pii_tool_input',
      'Order 4111 1111 1111 1112 shipped on 2024-01-15, ticket 12345.',
    );
    expect(luhnValid('4111 1111 1111 1112')).toBe(false);
    expect(result.info.flagged).toBe(false);
    expect(result.tripwireTriggered).toBe(false);
    expect(result.maskedContent).toBeUndefined();
  });

  it('only looks for the configured entities', async () => {
    const text = 'Server 10.0.0.12, passport number 123456789, IBAN GB82 WEST 1234 5698 7654 32, CVV: 123';
    expect((await check('pii_tool_output', text)).info.flagged).toBe(false);
    const result = await check('pii_tool_output', text, {
      entities: ['IP_ADDRESS', 'US_PASSPORT', 'IBAN_CODE', 'CVV'],
    });
    expect(result.maskedContent).toBe(
      'Server <IP_ADDRESS>, passport number <US_PASSPORT>, IBAN <IBAN_CODE>, CVV: <CVV>',
    );
  });

  it('detects the context-bound entities: birth date, driver licence, bank account', async () => {
    const result = await check(
      'pii_detection_input',
      'DOB: 04/12/1985, driver license D1234567, account number 0012345678',
      { entities: ['DATE_OF_BIRTH', 'US_DRIVER_LICENSE', 'US_BANK_NUMBER'] },
    );
    expect(result.maskedContent).toBe(
      'DOB: <DATE_OF_BIRTH>, driver license <US_DRIVER_LICENSE>, account number <US_BANK_NUMBER>',
    );
  });

  it('finds PII hidden in base64 and URL-encoded segments only when detect_encoded_pii is on', async () => {
    const encoded = Buffer.from('contact: jane.doe@example.com').toString('base64');
    const text = `payload ${encoded} and link ?to=jane%40example.com`;
    expect((await check('pii_detection_input', text)).info.flagged).toBe(false);

    const result = await check('pii_detection_input', text, { detect_encoded_pii: true });
    expect(result.info.flagged).toBe(true);
    expect(result.info.encoded_counts).toEqual({ EMAIL_ADDRESS: 2 });
    expect(result.maskedContent).toBe('payload <EMAIL_ADDRESS> and link ?to=<EMAIL_ADDRESS>');
  });

  it('ignores base64-looking words that decode to noise', async () => {
    const result = await check('pii_detection_input', 'Internationalization matters', {
      detect_encoded_pii: true,
    });
    expect(result.info.flagged).toBe(false);
  });

  it('masks synchronously through the spec mask function', () => {
    const spec = registry.require('pii_detection_input');
    const masked = spec.mask?.('ssn 123-45-6789', { ...spec.defaultConfig });
    expect(masked?.text).toBe('ssn <US_SSN>');
  });
});
