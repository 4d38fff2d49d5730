import { describe, expect, it } from 'vitest';
import { guardrailCatalog, guardrailDetail, presetCatalog, presetDetail } from './guardrail-catalog.js';
import { createGuardrailRegistry } from './guardrail-registry.js';

const registry = createGuardrailRegistry();

describe('guardrail catalog', () => {
  it('lists JSON-safe summaries', () => {
    const items = guardrailCatalog(registry);
    expect(items.map((item) => item.key)).toContain('url_filter');
    expect(items.find((item) => item.key === 'pii_detection_input')).toEqual({
      key: 'pii_detection_input',
      display_name: 'PII detection (input)',
      description: expect.stringContaining('personal data'),
      stage: 'pre_flight',
      engine: 'regex',
      uses_conversation_history: false,
      supports_masking: true,
      tripwire_on_error: false,
    });
    expect(JSON.parse(JSON.stringify(items))).toEqual(items);
  });

  it('details carry the config JSON schema and defaults', () => {
    const detail = guardrailDetail(registry, 'jailbreak_detection');
    expect(detail?.default_config).toEqual({ confidence_threshold: 0.7, max_context_turns: 10 });
    expect(detail?.config_schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      properties: {
        model: { type: 'string' },
        confidence_threshold: { type: 'number', minimum: 0, maximum: 1, default: 0.7 },
        max_context_turns: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
      },
    });
    expect(guardrailDetail(registry, 'nope')).toBeUndefined();
  });

  it('lists presets and details them with effective member configs', () => {
    expect(presetCatalog().map((preset) => [preset.key, preset.scope])).toEqual([
      ['minimal', 'agent'],
      ['standard', 'agent'],
      ['strict', 'agent'],
      ['tool_standard', 'tool'],
      ['tool_strict', 'tool'],
    ]);
    const minimal = presetDetail(registry, 'minimal');
    expect(minimal?.guardrails).toEqual([
      {
        key: 'pii_detection_input',
        enabled: true,
        stage: 'pre_flight',
        config: {
          entities: ['EMAIL_ADDRESS', 'PHONE_NUMBER', 'US_SSN', 'CREDIT_CARD'],
          block: false,
          detect_encoded_pii: false,
        },
      },
      {
        key: 'moderation',
        enabled: true,
        stage: 'input',
        config: {
          categories: ['hate', 'violence', 'sexual/minors'],
          threshold: 0.7,
          model: 'omni-moderation-latest',
        },
      },
      {
        key: 'url_filter',
        enabled: false,
        stage: 'output',
        config: { url_allow_list: [], url_block_list: [], check_subdomains: true, extract_urls: true },
      },
    ]);
    expect(presetDetail(registry, 'nope')).toBeUndefined();
  });
});
