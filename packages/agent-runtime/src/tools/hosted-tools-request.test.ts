import { Agent } from '@openai/agents';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentRunContext } from '../runtime/run-context.js';
import {
  createOpenAiTestServer,
  type OpenAiTestServer,
} from '../testing/openai-server/openai-test-server.js';
import { createOpenAiTestRunner } from '../testing/openai-server/test-runner.js';
import { textTurn } from '../testing/openai-server/turns.js';
import { createInMemoryContainers } from './in-memory-containers.js';
import { createInMemoryConversationSearch } from './in-memory-conversation-search.js';
import { createInMemoryVectorStores } from './in-memory-vector-stores.js';
import { createToolRegistry } from './tool-registry.js';

const context: AgentRunContext = {
  runId: 'run-1',
  tenantId: 'tenant-a',
  userId: 'user-1',
  conversationId: 'conv-now',
  requestMessage: 'hi',
  environment: 'test',
};

describe('hosted tools against the loopback OpenAI server', () => {
  let server: OpenAiTestServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('sends the hosted tool definitions exactly as resolved', async () => {
    server = await createOpenAiTestServer();
    const registry = createToolRegistry({
      openAiConfigured: true,
      settings: { containerDefaultAutoMemory: '4g' },
      ports: {
        conversationSearch: createInMemoryConversationSearch([]),
        vectorStores: createInMemoryVectorStores({
          stores: [{ id: 'db-1', openAiId: 'vs_handbook', tenantId: 'tenant-a', name: 'handbook' }],
        }),
        containers: createInMemoryContainers(),
      },
    });
    const runContext: AgentRunContext = {
      ...context,
      userLocation: { city: 'Lisbon', country: 'PT', timezone: 'Europe/Lisbon' },
      vectorStoreOverrides: { researcher: ['db-1'] },
    };
    const contribution = await registry.build(
      {
        key: 'researcher',
        toolKeys: ['web_search', 'file_search', 'code_interpreter', 'image_generation', 'get_current_time'],
        fileSearchOptions: {
          maxNumResults: 5,
          rankingOptions: { scoreThreshold: 0.4 },
          includeSearchResults: true,
        },
        toolConfigs: {
          codeInterpreter: { fileIds: ['file_1'] },
          imageGeneration: { outputFormat: 'webp', partialImages: 1 },
        },
      },
      runContext,
    );
    expect(contribution.metadata).toEqual({ code_interpreter: { container_mode: 'auto' } });

    const agent = new Agent<AgentRunContext>({
      name: 'Researcher',
      instructions: 'Research.',
      model: 'gpt-4.1',
      tools: [...(contribution.tools ?? [])],
    });
    const runner = createOpenAiTestRunner(server);
    server.enqueue(textTurn('Done.'));
    const result = await runner.run(agent, 'Find it.', { context: runContext });
    expect(result.finalOutput).toBe('Done.');

    const body = server.responseRequests()[0]?.body as { tools: unknown[]; include?: string[] };
    expect(body.tools).toEqual([
      {
        type: 'web_search',
        user_location: { type: 'approximate', city: 'Lisbon', country: 'PT', timezone: 'Europe/Lisbon' },
        search_context_size: 'medium',
      },
      {
        type: 'file_search',
        vector_store_ids: ['vs_handbook'],
        max_num_results: 5,
        ranking_options: { score_threshold: 0.4 },
      },
      { type: 'code_interpreter', container: { type: 'auto', memory_limit: '4g', file_ids: ['file_1'] } },
      {
        type: 'image_generation',
        background: 'auto',
        output_format: 'webp',
        partial_images: 1,
        quality: 'high',
        size: '1024x1024',
      },
      expect.objectContaining({ type: 'function', name: 'get_current_time' }),
    ]);
    expect(body.include).toEqual(
      expect.arrayContaining(['file_search_call.results', 'code_interpreter_call.outputs']),
    );
  });
});
