import { isAppError } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { createGuardrailRegistry } from './guardrail-registry.js';
import { resolveGuardrails } from './resolve-guardrails.js';
import { validateAgentGuardrails } from './validate-agent-guardrails.js';

const registry = createGuardrailRegistry();
const DEFAULT_ENTITIES = ['EMAIL_ADDRESS', 'PHONE_NUMBER', 'US_SSN', 'CREDIT_CARD'];
const STRICT_ENTITIES = [...DEFAULT_ENTITIES, 'IP_ADDRESS', 'US_PASSPORT', 'IBAN_CODE', 'CVV'];

function membersOf(preset: string) {
  return Object.fromEntries(resolveGuardrails({ preset }, registry).map((item) => [item.key, item.config]));
}

describe('registry', () => {
  it('holds every check the §5.2 table names with their stages and engines, none tripping on error', () => {
    expect(registry.list().map((spec) => `${spec.key}:${spec.stage}:${spec.engine}`)).toEqual([
      'pii_detection_input:pre_flight:regex',
      'pii_detection_output:output:regex',
      'pii_tool_input:tool_input:regex',
      'pii_tool_output:tool_output:regex',
      'moderation:input:api',
      'jailbreak_detection:input:llm',
      'off_topic_prompts:input:llm',
      'custom_prompt:input:llm',
      'nsfw_text:output:llm',
      'hallucination:output:llm',
      'prompt_injection:output:llm',
      'prompt_injection_tool_input:tool_input:llm',
      'prompt_injection_tool_output:tool_output:llm',
      'url_filter:output:regex',
    ]);
    // §5.2 is headed "Checks (15)" but its table names these 14 keys; no 15th key is specified.
    expect(registry.list()).toHaveLength(14);
    expect(registry.list().every((spec) => spec.tripwireOnError === false)).toBe(true);
    expect(registry.require('moderation').defaultConfig).toEqual({
      categories: [],
      threshold: 0.5,
      model: 'omni-moderation-latest',
    });
    expect(registry.require('jailbreak_detection').defaultConfig).toEqual({
      confidence_threshold: 0.7,
      max_context_turns: 10,
    });
  });
});

describe('presets (§5.3)', () => {
  it('minimal: masking PII input, narrow moderation, url_filter disabled, no LLM checks', () => {
    const resolved = resolveGuardrails({ preset: 'minimal' }, registry);
    expect(resolved.map((item) => item.key)).toEqual(['pii_detection_input', 'moderation']);
    expect(resolved.every((item) => item.spec.engine !== 'llm')).toBe(true);
    expect(membersOf('minimal')).toEqual({
      pii_detection_input: { entities: DEFAULT_ENTITIES, block: false, detect_encoded_pii: false },
      moderation: {
        categories: ['hate', 'violence', 'sexual/minors'],
        threshold: 0.7,
        model: 'omni-moderation-latest',
      },
    });
  });

  it('standard', () => {
    expect(membersOf('standard')).toEqual({
      pii_detection_input: { entities: DEFAULT_ENTITIES, block: false, detect_encoded_pii: false },
      pii_detection_output: { entities: DEFAULT_ENTITIES, block: false, detect_encoded_pii: false },
      moderation: {
        categories: ['hate', 'violence', 'self-harm', 'sexual/minors'],
        threshold: 0.5,
        model: 'omni-moderation-latest',
      },
      jailbreak_detection: { confidence_threshold: 0.7, max_context_turns: 10 },
    });
  });

  it('strict', () => {
    const members = membersOf('strict');
    expect(Object.keys(members)).toEqual([
      'pii_detection_input',
      'moderation',
      'jailbreak_detection',
      'custom_prompt',
      'prompt_injection',
      'pii_detection_output',
    ]);
    expect(members.pii_detection_input).toEqual({
      entities: STRICT_ENTITIES,
      block: true,
      detect_encoded_pii: true,
    });
    expect(members.moderation).toEqual({ categories: [], threshold: 0.3, model: 'omni-moderation-latest' });
    expect(members.jailbreak_detection).toEqual({ confidence_threshold: 0.5, max_context_turns: 15 });
    expect(members.custom_prompt).toMatchObject({ confidence_threshold: 0.7 });
    expect(String(members.custom_prompt?.system_prompt_details)).toMatch(
      /confidential.*internal.*social engineering/s,
    );
    expect(members.prompt_injection).toEqual({ confidence_threshold: 0.6 });
    expect(members.pii_detection_output).toEqual({
      entities: STRICT_ENTITIES,
      block: true,
      detect_encoded_pii: false,
    });
  });

  it('tool_standard and tool_strict', () => {
    expect(membersOf('tool_standard')).toEqual({
      pii_tool_input: { entities: DEFAULT_ENTITIES, block: false, detect_encoded_pii: false },
      pii_tool_output: { entities: DEFAULT_ENTITIES, block: false, detect_encoded_pii: false },
      prompt_injection_tool_input: { confidence_threshold: 0.7 },
      prompt_injection_tool_output: { confidence_threshold: 0.7 },
    });
    expect(membersOf('tool_strict')).toEqual({
      pii_tool_input: { entities: DEFAULT_ENTITIES, block: true, detect_encoded_pii: false },
      pii_tool_output: { entities: DEFAULT_ENTITIES, block: true, detect_encoded_pii: false },
      prompt_injection_tool_input: { confidence_threshold: 0.8 },
      prompt_injection_tool_output: { confidence_threshold: 0.8 },
    });
  });
});

describe('resolveGuardrails', () => {
  it('merges defaults ⊕ preset ⊕ override, enables preset-disabled keys, drops disabled entries, appends new keys', () => {
    const resolved = resolveGuardrails(
      {
        preset: 'standard',
        keys: ['url_filter', 'nsfw_text'],
        guardrails: [
          { key: 'moderation', config: { threshold: 0.9 } },
          { key: 'jailbreak_detection', config: {}, enabled: false },
        ],
      },
      registry,
    );
    expect(resolved.map((item) => [item.key, item.source])).toEqual([
      ['pii_detection_input', 'preset'],
      ['pii_detection_output', 'preset'],
      ['moderation', 'explicit'],
      ['url_filter', 'explicit'],
      ['nsfw_text', 'explicit'],
    ]);
    expect(resolved.find((item) => item.key === 'moderation')?.config).toEqual({
      categories: ['hate', 'violence', 'self-harm', 'sexual/minors'],
      threshold: 0.9,
      model: 'omni-moderation-latest',
    });
  });

  it('resolves nothing without a config', () => {
    expect(resolveGuardrails(undefined, registry)).toEqual([]);
  });

  it('rejects unknown presets, unknown keys and invalid configs with clear 422 errors', () => {
    const attempt = (config: Parameters<typeof resolveGuardrails>[0]) => {
      try {
        resolveGuardrails(config, registry);
      } catch (error) {
        if (isAppError(error)) return { code: error.code, message: error.message };
        throw error;
      }
      throw new Error('expected an error');
    };
    expect(attempt({ preset: 'paranoid' })).toEqual({
      code: 'ValidationError',
      message: 'Unknown guardrail preset "paranoid".',
    });
    expect(attempt({ keys: ['nope'] }).message).toBe('Unknown guardrail "nope".');
    expect(attempt({ guardrails: [{ key: 'moderation', config: { threshold: 2 } }] }).message).toMatch(
      /^Invalid config for guardrail "moderation" at threshold/,
    );
    expect(attempt({ guardrails: [{ key: 'url_filter', config: { surprise: true } }] }).message).toMatch(
      /Invalid config for guardrail "url_filter"/,
    );
    expect(
      attempt({ guardrails: [{ key: 'pii_detection_input', config: { entities: ['PASSWORD'] } }] }).message,
    ).toMatch(/entities/);
  });
});

describe('validateAgentGuardrails', () => {
  it('accepts the bundled shapes', () => {
    expect(
      validateAgentGuardrails(
        {
          guardrails: { preset: 'strict' },
          toolGuardrails: { input: { preset: 'tool_standard' }, output: { preset: 'tool_standard' } },
          toolGuardrailOverrides: { get_current_time: { enabled: false } },
        },
        registry,
      ),
    ).toEqual([]);
  });

  it('reports tool stages on an agent and agent stages in a tool config', () => {
    const problems = validateAgentGuardrails(
      {
        guardrails: { keys: ['pii_tool_input'] },
        toolGuardrails: { input: { keys: ['moderation'] } },
        toolGuardrailOverrides: { search: { output: { keys: ['pii_tool_input'], preset: 'nope' } } },
      },
      registry,
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^guardrails: Guardrail "pii_tool_input" runs at stage tool_input; it belongs in tool guardrails/,
      ),
      expect.stringMatching(/^tool_guardrails\.input: Guardrail "moderation" runs at stage input/),
      'tool_guardrail_overrides.search.output: Unknown guardrail preset "nope".',
      expect.stringMatching(
        /^tool_guardrail_overrides\.search\.output: Guardrail "pii_tool_input" runs at stage tool_input/,
      ),
    ]);
  });
});
