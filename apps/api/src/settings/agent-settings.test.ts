import { describe, expect, it } from 'vitest';
import { loadSettings } from './load-settings.js';

describe('agent settings', () => {
  it('defaults to the demo model, no MCP servers and the §7.10 chat quotas', () => {
    const settings = loadSettings({});
    expect(settings.openaiApiKey).toBeNull();
    expect(settings.agents).toEqual({
      openaiBaseUrl: null,
      models: {
        defaultModel: undefined,
        modelsByKey: { triage: undefined, code: undefined, data: undefined },
      },
      mcpTools: [],
      chat: { perMinute: 60, streamPerMinute: 30, streamConcurrency: 5 },
    });
  });

  it('reads model keys case-insensitively and treats empty values as unset', () => {
    const settings = loadSettings({ agent_model_code: 'gpt-4.1', AGENT_MODEL_DATA: '', OPENAI_BASE_URL: '' });
    expect(settings.agents.models.modelsByKey).toMatchObject({ code: 'gpt-4.1', data: undefined });
    expect(settings.agents.openaiBaseUrl).toBeNull();
  });

  it('parses MCP_TOOLS and names the variable, never echoing its value, when it is invalid', () => {
    const settings = loadSettings({
      MCP_TOOLS: JSON.stringify([
        { name: 'docs', transport: 'streamable_http', url: 'http://127.0.0.1:9/mcp' },
      ]),
    });
    expect(settings.agents.mcpTools).toEqual([
      expect.objectContaining({ name: 'docs', transport: 'streamable_http' }),
    ]);
    const secret = 'sk-live-secret-token';
    const invalid = JSON.stringify([
      { name: 'x', server_label: 'x', connector_id: 'c', authorization: secret, bogus: 1 },
    ]);
    expect(() => loadSettings({ MCP_TOOLS: invalid })).toThrow(/MCP_TOOLS/);
    try {
      loadSettings({ MCP_TOOLS: invalid });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(secret);
    }
  });
});
