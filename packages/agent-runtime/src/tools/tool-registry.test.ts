import { tool } from '@openai/agents';
import { isAppError } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AgentRunContext } from '../runtime/run-context.js';
import { defineFunctionTool, functionToolEntry } from './define-function-tool.js';
import { createInMemoryConversationSearch } from './in-memory-conversation-search.js';
import { createInMemoryVectorStores } from './in-memory-vector-stores.js';
import { createToolRegistry, type ToolRegistryOptions } from './tool-registry.js';
import type { ToolBuildSpec, ToolRegistryEntry } from './tool-registry-entry.js';

const context: AgentRunContext = {
  runId: 'run-1',
  tenantId: 'tenant-a',
  userId: 'user-1',
  conversationId: null,
  requestMessage: 'hi',
  environment: 'test',
};

function registry(overrides: Partial<ToolRegistryOptions> = {}) {
  return createToolRegistry({
    openAiConfigured: true,
    ports: {
      conversationSearch: createInMemoryConversationSearch([]),
      vectorStores: createInMemoryVectorStores(),
    },
    ...overrides,
  });
}

function spec(toolKeys: string[], extra: Partial<ToolBuildSpec> = {}): ToolBuildSpec {
  return { key: 'assistant', toolKeys, ...extra };
}

describe('createToolRegistry registration rules (§6.1)', () => {
  it('registers only the function tools without an OpenAI key', () => {
    const tools = registry({ openAiConfigured: false });
    expect(tools.keys()).toEqual(['get_current_time', 'search_conversations']);
    expect(tools.has('web_search')).toBe(false);
    expect(tools.get('code_interpreter')).toBeUndefined();
  });

  it('adds the hosted tools when an OpenAI key is configured', () => {
    expect(registry().keys()).toEqual([
      'get_current_time',
      'search_conversations',
      'web_search',
      'code_interpreter',
      'image_generation',
      'file_search',
    ]);
  });

  it('registers extra entries after the built-ins and refuses a duplicate key', () => {
    const extra: ToolRegistryEntry = {
      key: 'weather',
      category: 'utility',
      kind: 'function',
      description: 'Weather',
      provider: 'local',
      build: () => ({}),
    };
    const tools = registry({ openAiConfigured: false, extraEntries: [extra] });
    expect(tools.keys().at(-1)).toBe('weather');
    expect(() => tools.register(extra)).toThrowError(/already registered/);
    expect(() => tools.register({ ...extra, key: 'get_current_time' })).toThrowError(/already registered/);
  });

  it('lists a catalog row per tool with category, kind, provider and defaults', () => {
    const catalog = registry({
      settings: { imageMaxPartialImages: 2, containerDefaultAutoMemory: '4g' },
    }).catalog();
    expect(catalog.map((row) => [row.name, row.category, row.kind, row.provider])).toEqual([
      ['get_current_time', 'utility', 'function', 'local'],
      ['search_conversations', 'conversation', 'function', 'local'],
      ['web_search', 'web_search', 'hosted', 'openai'],
      ['code_interpreter', 'code', 'hosted', 'openai'],
      ['image_generation', 'image', 'hosted', 'openai'],
      ['file_search', 'search', 'hosted', 'openai'],
    ]);
    const byName = new Map(catalog.map((row) => [row.name, row]));
    expect(byName.get('image_generation')?.defaults).toEqual({
      size: '1024x1024',
      quality: 'high',
      output_format: 'png',
      background: 'auto',
      output_compression: null,
      partial_images: 2,
    });
    expect(byName.get('code_interpreter')?.defaults).toEqual({
      container: { type: 'auto', memory_limit: '4g' },
    });
    expect(byName.get('get_current_time')?.description).toMatch(/UTC/);
    expect(JSON.parse(JSON.stringify(catalog))).toEqual(catalog);
  });
});

describe('ToolRegistry.validate', () => {
  it('reports unknown keys but not a missing optional web_search', () => {
    const tools = registry({ openAiConfigured: false });
    expect(tools.optionalKeys.has('web_search')).toBe(true);
    expect(tools.validate(spec(['get_current_time', 'web_search', 'teleport']))).toEqual([
      'agent "assistant": unknown tool key "teleport"',
    ]);
  });

  it("collects each listed entry's own problems", () => {
    const problems = registry().validate(
      spec(['image_generation', 'file_search'], {
        vectorStoreBinding: 'static',
        toolConfigs: { imageGeneration: { partialImages: 3 } },
      }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/vector_store_ids/);
    expect(
      registry({ settings: { imageMaxPartialImages: 1 } }).validate(
        spec(['image_generation'], { toolConfigs: { imageGeneration: { partialImages: 3 } } }),
      ),
    ).toEqual(['agent "assistant": tool_configs.image_generation.partialImages 3 exceeds the maximum of 1']);
  });
});

describe('ToolRegistry.build', () => {
  it('returns tools in tool_keys order with metadata keyed by tool key', async () => {
    const contribution = await registry().build(
      spec(['image_generation', 'get_current_time', 'code_interpreter', 'file_search', 'web_search']),
      context,
    );
    expect(contribution.tools?.map((t) => t.name)).toEqual([
      'image_generation',
      'get_current_time',
      'code_interpreter',
      'file_search',
      'web_search',
    ]);
    expect(contribution.metadata).toEqual({ code_interpreter: { container_mode: 'auto' } });
    expect(contribution.mcpServers).toEqual([]);
  });

  it('leaves out an unregistered optional tool and fails on an unknown required one', async () => {
    const tools = registry({ openAiConfigured: false });
    const contribution = await tools.build(spec(['web_search', 'get_current_time']), context);
    expect(contribution.tools?.map((t) => t.name)).toEqual(['get_current_time']);
    const error = await tools.build(spec(['teleport']), context).catch((e: unknown) => e);
    expect(isAppError(error)).toBe(true);
    expect((error as Error).message).toMatch(/teleport/);
  });

  it('merges metadata and MCP servers of extra entries', async () => {
    const server = { name: 'fake-mcp' } as never;
    const tools = registry({
      openAiConfigured: false,
      extraEntries: [
        {
          key: 'docs_mcp',
          category: 'mcp',
          kind: 'local_mcp',
          description: 'Docs',
          provider: 'docs',
          build: async () => ({ mcpServers: [server], metadata: { label: 'docs' } }),
        },
      ],
    });
    const contribution = await tools.build(spec(['docs_mcp']), context);
    expect(contribution.mcpServers).toEqual([server]);
    expect(contribution.metadata).toEqual({ docs_mcp: { label: 'docs' } });
    expect(contribution.tools).toEqual([]);
  });
});

describe('functionToolEntry', () => {
  it('registers an app function tool under its name', async () => {
    const weather = defineFunctionTool({
      name: 'weather',
      description: 'Weather for a city.',
      parameters: z.object({ city: z.string() }),
      execute: ({ city }) => `sunny in ${city}`,
    });
    const entry = functionToolEntry(weather, { category: 'utility' });
    expect(entry).toMatchObject({
      key: 'weather',
      kind: 'function',
      provider: 'local',
      description: 'Weather for a city.',
    });
    const tools = registry({ openAiConfigured: false, extraEntries: [entry] });
    const built = await tools.build(spec(['weather']), context);
    expect(built.tools).toEqual([weather]);
  });

  it('rejects a tool that is not a function tool', async () => {
    const { webSearchTool } = await import('@openai/agents');
    expect(() => functionToolEntry(webSearchTool())).toThrowError(/function tool/);
    // A plain SDK tool() is accepted too.
    const plain = tool({
      name: 'noop',
      description: 'Does nothing.',
      parameters: z.object({}),
      execute: () => 'ok',
    });
    expect(functionToolEntry(plain as never).key).toBe('noop');
  });
});
