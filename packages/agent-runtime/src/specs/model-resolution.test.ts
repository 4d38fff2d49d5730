import { describe, expect, it } from 'vitest';
import { agentModelSettingsFromEnv, DEFAULT_AGENT_MODEL, resolveAgentModel } from './model-resolution.js';

describe('resolveAgentModel', () => {
  const settings = { defaultModel: 'gpt-default', modelsByKey: { code: 'gpt-code', data: '' } };

  it('uses a pinned model verbatim, whatever the settings say', () => {
    expect(resolveAgentModel({ model: 'gpt-pinned' }, settings)).toBe('gpt-pinned');
  });

  it('uses the model key setting when it is non-empty', () => {
    expect(resolveAgentModel({ modelKey: 'code' }, settings)).toBe('gpt-code');
    expect(resolveAgentModel({ modelKey: 'CODE' }, settings)).toBe('gpt-code');
  });

  it('falls back to the default setting, then to gpt-5.1', () => {
    expect(resolveAgentModel({ modelKey: 'data' }, settings)).toBe('gpt-default');
    expect(resolveAgentModel({ modelKey: 'triage' }, settings)).toBe('gpt-default');
    expect(resolveAgentModel({}, {})).toBe(DEFAULT_AGENT_MODEL);
    expect(DEFAULT_AGENT_MODEL).toBe('gpt-5.1');
  });
});

describe('agentModelSettingsFromEnv', () => {
  it('reads AGENT_MODEL_* case-insensitively and ignores empty values', () => {
    const settings = agentModelSettingsFromEnv({
      agent_model_default: 'gpt-x',
      AGENT_MODEL_TRIAGE: 'gpt-triage',
      Agent_Model_Code: ' gpt-code ',
      AGENT_MODEL_DATA: '',
      OTHER: 'ignored',
    });
    expect(settings).toEqual({
      defaultModel: 'gpt-x',
      modelsByKey: { triage: 'gpt-triage', code: 'gpt-code' },
    });
    expect(resolveAgentModel({ modelKey: 'triage' }, settings)).toBe('gpt-triage');
    expect(resolveAgentModel({ modelKey: 'data' }, settings)).toBe('gpt-x');
  });
});
