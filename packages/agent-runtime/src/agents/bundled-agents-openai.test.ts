import { checkStreamInvariants, type PublicSseEvent } from '@starter/contracts';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AgentRuntime, createAgentRuntime } from '../runtime/create-agent-runtime.js';
import {
  codeInterpreterTurn,
  createOpenAiTestServer,
  fileSearchTurn,
  functionCallTurn,
  imageGenerationTurn,
  type OpenAiTestServer,
  structuredOutputTurn,
  textTurn,
  webSearchTurn,
} from '../testing/openai-server/index.js';
import { createInMemoryContainers } from '../tools/in-memory-containers.js';
import { createInMemoryVectorStores, type InMemoryVectorStores } from '../tools/in-memory-vector-stores.js';
import { companyIntelBriefSchema } from './company_intel/company-intel-brief.js';

const TENANT = '22222222-2222-4222-8222-222222222222';

type ToolStatus = Extract<PublicSseEvent, { kind: 'tool.status' }>;
const toolTypes = (frames: readonly PublicSseEvent[]) =>
  new Set(
    frames.filter((frame): frame is ToolStatus => frame.kind === 'tool.status').map((f) => f.tool.tool_type),
  );

function lastRequestTools(server: OpenAiTestServer): Array<Record<string, unknown>> {
  const body = server.responseRequests().at(-1)?.body as { tools?: Array<Record<string, unknown>> };
  return body.tools ?? [];
}

describe('bundled agents against the loopback OpenAI Responses API', () => {
  let server: OpenAiTestServer;
  let runtime: AgentRuntime;
  let vectorStores: InMemoryVectorStores;

  beforeAll(async () => {
    server = await createOpenAiTestServer();
    vectorStores = createInMemoryVectorStores();
    runtime = await createAgentRuntime({
      openai: new OpenAI({ baseURL: server.baseURL, apiKey: 'test-key', maxRetries: 0 }),
      environment: 'test',
      tools: { vectorStores, containers: createInMemoryContainers() },
    });
  });
  afterAll(async () => {
    await runtime.close();
    await server.close();
  });
  beforeEach(() => {
    expect(server.pendingTurns()).toBe(0);
  });

  async function run(agentKey: string, message: string) {
    const stream = await runtime.stream({ agentKey, message, tenantId: TENANT, userId: 'u1' });
    const frames: PublicSseEvent[] = [];
    for await (const frame of stream.frames) frames.push(frame);
    expect(checkStreamInvariants(frames)).toEqual([]);
    const outcome = await stream.outcome;
    expect(outcome.error).toBeUndefined();
    expect(frames.at(-1)?.kind).toBe('final');
    return { frames, outcome };
  }

  it('registers the hosted tools, so no agent loses a tool', () => {
    expect(runtime.usesDemoModel).toBe(false);
    expect(runtime.agents.warnings).toEqual([]);
    for (const key of ['web_search', 'file_search', 'code_interpreter', 'image_generation'])
      expect(runtime.tools.has(key)).toBe(true);
  });

  it('triage answers as gpt-5.1 with its function tools and handoffs offered', async () => {
    server.enqueue(textTurn('Hi there, how can I help?'));
    const { outcome } = await run('triage', 'hello');
    expect(outcome.responseText).toBe('Hi there, how can I help?');
    const body = server.responseRequests().at(-1)?.body as { model: string; instructions: string };
    expect(body.model).toBe('gpt-5.1');
    expect(body.instructions).toContain('Hi there');
    const names = lastRequestTools(server).map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['get_current_time', 'search_conversations']));
    expect(names.some((name) => String(name).startsWith('transfer_to_'))).toBe(true);
  });

  it('code assistant runs the code interpreter in an auto container and reports its files', async () => {
    server.enqueue(
      codeInterpreterTurn({
        code: 'print(6 * 7)',
        containerId: 'cntr_1',
        files: [{ fileId: 'cfile_1', filename: 'answer.csv' }],
        answer: 'The answer is 42.',
      }),
    );
    const { frames, outcome } = await run('code_assistant', 'compute 6*7');
    expect(toolTypes(frames)).toContain('code_interpreter');
    expect(lastRequestTools(server)).toContainEqual(
      expect.objectContaining({
        type: 'code_interpreter',
        container: expect.objectContaining({ type: 'auto' }),
      }),
    );
    expect(outcome.artifacts).toContainEqual(
      expect.objectContaining({ kind: 'container_file', fileId: 'cfile_1' }),
    );
  });

  it('pdf designer asks for a 4g container', async () => {
    server.enqueue(codeInterpreterTurn({ code: 'make_pdf()', containerId: 'cntr_2', answer: 'Done.' }));
    await run('pdf_designer', 'a one-page report');
    expect(lastRequestTools(server)).toContainEqual(
      expect.objectContaining({ container: expect.objectContaining({ memory_limit: '4g' }) }),
    );
  });

  it('researcher searches the web and cites its sources', async () => {
    server.enqueue(
      webSearchTurn({
        query: 'agent sdk',
        sources: [{ url: 'https://example.com/a', title: 'A' }],
        answer: 'Found it.',
      }),
    );
    const { frames } = await run('researcher', 'research the agents sdk');
    expect(toolTypes(frames)).toContain('web_search');
    expect(frames.map((frame) => frame.kind)).toContain('message.citation');
  });

  it('retriever searches the tenant primary store, created on first use', async () => {
    server.enqueue(
      fileSearchTurn({
        queries: ['refund policy'],
        results: [{ file_id: 'file_1', filename: 'policy.pdf', score: 0.9, text: 'Refunds within 30 days.' }],
        answer: 'Within 30 days.',
      }),
    );
    const { frames } = await run('retriever', 'what is the refund policy?');
    expect(toolTypes(frames)).toContain('file_search');
    const [store] = vectorStores.list(TENANT);
    expect(store?.name).toBe('primary');
    expect(lastRequestTools(server)).toContainEqual(
      expect.objectContaining({
        type: 'file_search',
        vector_store_ids: [store?.openAiId],
        max_num_results: 8,
      }),
    );
  });

  it('image studio generates a high-quality square image without partials', async () => {
    server.enqueue(imageGenerationTurn({ partials: [], result: 'aW1hZ2U=', answer: 'Here it is.' }));
    const { frames, outcome } = await run('image_studio', 'a lighthouse at dusk');
    expect(toolTypes(frames)).toContain('image_generation');
    expect(lastRequestTools(server)).toContainEqual(
      expect.objectContaining({
        type: 'image_generation',
        size: '1024x1024',
        quality: 'high',
        partial_images: 0,
      }),
    );
    expect(outcome.artifacts).toContainEqual(expect.objectContaining({ kind: 'image' }));
  });

  it('company intel returns a strict CompanyIntelBrief', async () => {
    const brief = companyIntelBriefSchema.parse({
      company_name: 'Acme',
      canonical_url: 'https://acme.example',
      summary: 'Makes anvils.',
      offerings: ['anvils'],
      positioning: 'premium',
      target_customers: ['coyotes'],
      differentiators: ['weight'],
      pricing_signals: 'high',
      recent_news: [],
      risks_or_concerns: [],
      key_people: [{ name: 'W. E. Coyote', role: 'CEO', url: null }],
      sources: [{ title: 'Site', url: 'https://acme.example', type: 'marketing' }],
    });
    server.enqueue(structuredOutputTurn(brief));
    const { outcome } = await run('company_intel', 'Acme');
    expect(outcome.structuredOutput).toEqual(brief);
    const body = server.responseRequests().at(-1)?.body as {
      text?: { format?: { type: string; strict?: boolean } };
    };
    expect(body.text?.format).toMatchObject({ type: 'json_schema', strict: true });
  });

  it('director calls the researcher as a tool and answers from its result', async () => {
    server.enqueue(
      functionCallTurn({ name: 'research_deepdive', arguments: { input: 'history of anvils' } }),
      webSearchTurn({
        query: 'anvils',
        sources: [{ url: 'https://example.com/anvils', title: 'Anvils' }],
        answer: 'Anvils are old.',
      }),
      textTurn('Summary: anvils are old.'),
    );
    const { frames, outcome } = await run('director', 'tell me about anvils');
    expect(toolTypes(frames)).toContain('agent');
    expect(frames.some((frame) => 'scope' in frame && frame.scope?.agent === 'researcher')).toBe(true);
    expect(outcome.responseText).toBe('Summary: anvils are old.');
    expect(outcome.usage?.requests).toBe(3);
  });
});
