import { Agent, Runner } from '@openai/agents';
import { describe, expect, it } from 'vitest';
import { createDemoModelProvider } from '../models/demo-model-provider.js';
import type { AgentRunContext } from '../runtime/run-context.js';
import { createInMemoryConversationSearch } from './in-memory-conversation-search.js';
import { createToolRegistry } from './tool-registry.js';

const context: AgentRunContext = {
  runId: 'run-1',
  tenantId: 'tenant-a',
  userId: 'user-1',
  conversationId: 'conv-now',
  requestMessage: 'hi',
  environment: 'test',
};

function demoRunner() {
  return new Runner({ modelProvider: createDemoModelProvider(), tracingDisabled: true });
}

describe('built-in function tools in a demo model run', () => {
  const registry = createToolRegistry({
    openAiConfigured: false,
    clock: () => new Date('2025-01-02T03:04:05Z'),
    ports: {
      conversationSearch: createInMemoryConversationSearch([
        { id: 'conv-7', tenantId: 'tenant-a', text: 'Launch plan for the rocket' },
        { id: 'conv-8', tenantId: 'tenant-b', text: 'Rocket of another tenant' },
      ]),
    },
  });

  async function agent() {
    const { tools } = await registry.build(
      { key: 'assistant', toolKeys: ['get_current_time', 'search_conversations'] },
      context,
    );
    return new Agent<AgentRunContext>({
      name: 'Assistant',
      instructions: 'Use tools.',
      tools: [...(tools ?? [])],
    });
  }

  it('get_current_time output reaches the model', async () => {
    const result = await demoRunner().run(await agent(), 'use tool get_current_time {}', { context });
    expect(result.finalOutput).toContain('2025-01-02 03:04:05 UTC');
  });

  it('search_conversations searches the run context tenant only', async () => {
    const result = await demoRunner().run(await agent(), 'use tool search_conversations {"query":"rocket"}', {
      context,
    });
    expect(result.finalOutput).toContain('conv-7: Launch plan for the rocket');
    expect(result.finalOutput).not.toContain('conv-8');
  });
});
