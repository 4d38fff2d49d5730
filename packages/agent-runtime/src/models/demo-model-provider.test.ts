import { Agent, Runner } from '@openai/agents';
import type { ModelRequest } from '@openai/agents-core';
import { describe, expect, it } from 'vitest';
import { DEMO_MODEL_NAME, isDemoModel } from './demo-model.js';
import { createDemoModelProvider } from './demo-model-provider.js';

function request(input: string): ModelRequest {
  return { input, modelSettings: {}, tools: [], outputType: 'text', handoffs: [], tracing: false };
}

describe('createDemoModelProvider', () => {
  it('stands the demo model in for any requested model and remembers the name', async () => {
    const provider = createDemoModelProvider({ modelName: 'demo-x' });
    const model = provider.getModel('gpt-5.1');

    expect(isDemoModel(model)).toBe(true);
    expect(model).toMatchObject({
      name: 'demo-x',
      requestedModelName: 'gpt-5.1',
      label: 'demo model (requested: gpt-5.1)',
    });
    expect(provider.getModel('gpt-5.1')).toBe(model);
    expect(provider.getModel().label).toBe('demo model');
    const response = await model.getResponse(request('hi'));
    expect(response.providerData).toMatchObject({
      model: 'demo-x',
      metadata: { requested_model: 'gpt-5.1' },
    });
  });

  it('receives the model name each agent asks the runner for', async () => {
    const runner = new Runner({ modelProvider: createDemoModelProvider(), tracingDisabled: true });
    const result = await runner.run(new Agent({ name: 'Pinned', model: 'gpt-4.1-mini' }), 'hello');

    expect(result.rawResponses[0]?.providerData).toMatchObject({
      metadata: { requested_model: 'gpt-4.1-mini' },
    });
  });

  it('tells demo models apart from other models', () => {
    expect(isDemoModel(DEMO_MODEL_NAME)).toBe(true);
    expect(isDemoModel('gpt-5.1')).toBe(false);
    expect(isDemoModel({ getResponse: () => undefined })).toBe(false);
  });
});
