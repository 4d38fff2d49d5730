import { readFileSync } from 'node:fs';
import {
  Agent,
  codeInterpreterTool,
  fileSearchTool,
  hostedMcpTool,
  imageGenerationTool,
  type Runner,
  webSearchTool,
} from '@openai/agents';
import { checkStreamInvariants, type PublicSseEvent, PublicSseEventSchema } from '@starter/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  codeInterpreterTurn,
  createOpenAiTestRunner,
  createOpenAiTestServer,
  errorTurn,
  fileSearchTurn,
  imageGenerationTurn,
  mcpApprovalRequestTurn,
  mcpCallTurn,
  type OpenAiTestServer,
  reasoningTurn,
  webSearchTurn,
} from '../testing/openai-server/index.js';
import { normalizeAgentStreamEvent } from './normalize-agent-stream-event.js';
import { projectSdkStream } from './project-sdk-stream.js';
import { createPublicStreamProjector, type PublicStreamProjector } from './public-stream-projector.js';
import { compareWithFixture } from './stream-skeleton.js';

const FIXTURES = new URL('../../../contracts/src/streaming/fixtures/public-sse-v1/', import.meta.url);

function fixture(name: string): PublicSseEvent[] {
  const lines = readFileSync(new URL(`${name}.ndjson`, FIXTURES), 'utf8')
    .split('\n')
    .filter(Boolean);
  return lines.map((line) => PublicSseEventSchema.parse(JSON.parse(line)));
}

let server: OpenAiTestServer;
let runner: Runner;

beforeEach(async () => {
  server = await createOpenAiTestServer();
  runner = createOpenAiTestRunner(server);
});

afterEach(async () => {
  expect(server.pendingTurns()).toBe(0);
  await server.close();
});

function projectorFor(agent: Agent): PublicStreamProjector {
  return createPublicStreamProjector({
    streamId: 'chat_00112233445566778899aabbccddeeff',
    conversationId: 'conv_hosted',
    agent: agent.name,
  });
}

async function project(agent: Agent, input: string, projector = projectorFor(agent)) {
  const frames: PublicSseEvent[] = [];
  const result = await runner.run(agent, input, { stream: true });
  await projectSdkStream(result, projector, (frame) => frames.push(frame));
  return frames;
}

function expectValidStream(frames: readonly PublicSseEvent[]): void {
  for (const frame of frames) expect(PublicSseEventSchema.safeParse(frame).error).toBeUndefined();
  expect(checkStreamInvariants(frames)).toEqual([]);
}

function kinds(frames: readonly PublicSseEvent[], kind: PublicSseEvent['kind']) {
  return frames.filter((frame) => frame.kind === kind);
}

describe('public stream projector on the loopback Responses API', () => {
  it('reasoning summary: part/delta/done, no repeated text on .done, summary in final', async () => {
    const agent = new Agent({ name: 'triage', instructions: 'Think.', model: 'gpt-5' });
    const summary = 'Determine the goal, then pick the simplest valid approach.';
    server.enqueue(reasoningTurn({ summary: [summary], answer: 'A concise answer.' }));
    const frames = await project(agent, 'Why?');
    expectValidStream(frames);

    expect(compareWithFixture(frames, fixture('chat-reasoning-summary'))).toEqual([]);
    const deltas = kinds(frames, 'reasoning_summary.delta').map((f) =>
      f.kind === 'reasoning_summary.delta' ? f.delta : '',
    );
    expect(deltas.join('')).toBe(summary);
    expect(frames.at(-1)).toMatchObject({
      final: { status: 'completed', reasoning_summary_text: summary, response_text: 'A concise answer.' },
    });
  });

  it('provider error: one error terminal with the provider as source', async () => {
    const agent = new Agent({ name: 'triage', instructions: 'Help.', model: 'gpt-4.1' });
    server.enqueue(errorTurn({ code: 'invalid_request_error', message: 'The request was invalid.' }));
    const frames = await project(agent, 'hi');
    expectValidStream(frames);

    expect(compareWithFixture(frames, fixture('chat-provider-error'))).toEqual([]);
    expect(frames.at(-1)).toMatchObject({
      kind: 'error',
      error: { code: 'invalid_request_error', source: 'provider', is_retryable: false },
    });
  });

  it('web search: hosted statuses, sources and url citations', async () => {
    const agent = new Agent({
      name: 'researcher',
      instructions: 'Search.',
      model: 'gpt-4.1',
      tools: [webSearchTool()],
    });
    const answer = 'Sea turtle nesting has increased.';
    server.enqueue(
      webSearchTurn({
        query: 'sea turtle nesting',
        sources: [{ url: 'https://example.com/turtles', title: 'Turtles' }],
        answer,
      }),
    );
    const frames = await project(agent, 'Turtles?');
    expectValidStream(frames);

    expect(compareWithFixture(frames, fixture('chat-web-search'), 'summary')).toEqual([]);
    const statuses = kinds(frames, 'tool.status').map((f) => (f.kind === 'tool.status' ? f.tool.status : ''));
    expect(statuses).toEqual(['in_progress', 'searching', 'completed']);
    expect(kinds(frames, 'tool.status').at(-1)).toMatchObject({
      tool: { query: 'sea turtle nesting', sources: ['https://example.com/turtles'] },
    });
    expect(kinds(frames, 'message.citation')[0]).toMatchObject({
      output_index: 1,
      citation: { type: 'url_citation', url: 'https://example.com/turtles', end_index: answer.length },
    });
  });

  it('file search: results on the completed status and a file citation', async () => {
    const agent = new Agent({
      name: 'researcher',
      instructions: 'Docs.',
      model: 'gpt-4.1',
      tools: [fileSearchTool(['vs_1'])],
    });
    server.enqueue(
      fileSearchTurn({
        queries: ['deep research'],
        results: [
          { file_id: 'file_abc', filename: 'doc.txt', score: 0.9, text: 'x'.repeat(2_500), attributes: {} },
        ],
        answer: 'Deep research is structured.',
      }),
    );
    const frames = await project(agent, 'What is deep research?');
    expectValidStream(frames);

    expect(compareWithFixture(frames, fixture('chat-file-search'), 'summary')).toEqual([]);
    const completed = kinds(frames, 'tool.status').at(-1);
    expect(completed).toMatchObject({ tool: { status: 'completed', queries: ['deep research'] } });
    expect(
      completed?.kind === 'tool.status' &&
        completed.tool.tool_type === 'file_search' &&
        completed.tool.results?.[0]?.text?.length,
    ).toBe(2_000);
    expect(completed?.notices).toEqual([
      expect.objectContaining({ type: 'truncated', path: 'tool.results[0].text' }),
    ]);
  });

  it('code interpreter: code deltas and done, container citation rewritten to the download route', async () => {
    const agent = new Agent({
      name: 'researcher',
      instructions: 'Compute.',
      model: 'gpt-4.1',
      tools: [codeInterpreterTool()],
    });
    const code =
      'import pandas as pd\ndf = pd.DataFrame({"x": [1, 2, 3]})\ndf.to_csv("/mnt/data/squares.csv")';
    server.enqueue(
      codeInterpreterTurn({
        code,
        containerId: 'cntr_1',
        files: [{ fileId: 'cfile_1', filename: 'squares.csv', startIndex: 0, endIndex: 4 }],
        answer: 'Made squares.csv.',
      }),
    );
    const frames = await project(agent, 'Make a CSV');
    expectValidStream(frames);

    expect(compareWithFixture(frames, fixture('chat-code-interpreter'), 'summary')).toEqual([]);
    const codeDeltas = kinds(frames, 'tool.code.delta').map((f) =>
      f.kind === 'tool.code.delta' ? f.delta : '',
    );
    expect(codeDeltas.join('')).toBe(code);
    expect(kinds(frames, 'tool.code.done')[0]).toMatchObject({ code });
    expect(kinds(frames, 'tool.status').at(-1)).toMatchObject({
      tool: { status: 'completed', container_id: 'cntr_1' },
    });
    expect(kinds(frames, 'message.citation')[0]).toMatchObject({
      citation: {
        type: 'container_file_citation',
        url: '/api/v1/openai/containers/cntr_1/files/cfile_1/download?conversation_id=conv_hosted&filename=squares.csv',
      },
    });
  });

  it('image generation: partial images split into 131 072-character chunks, each closed', async () => {
    const agent = new Agent({
      name: 'image_studio',
      instructions: 'Draw.',
      model: 'gpt-4.1',
      tools: [imageGenerationTool()],
    });
    const big = 'A'.repeat(131_072 + 10);
    server.enqueue(
      imageGenerationTurn({ partials: [big, 'cGFydDI='], result: 'ZmluYWw=', answer: 'Here it is.' }),
    );
    const frames = await project(agent, 'Draw a cat');
    expectValidStream(frames);

    expect(compareWithFixture(frames, fixture('chat-image-generation-partials'), 'summary')).toEqual([]);
    const chunks = kinds(frames, 'chunk.delta').map((f) =>
      f.kind === 'chunk.delta' ? [f.target.part_index, f.chunk_index, f.data.length] : [],
    );
    expect(chunks).toEqual([
      [0, 0, 131_072],
      [0, 1, 10],
      [1, 0, 8],
    ]);
    expect(kinds(frames, 'chunk.done')).toHaveLength(2);
    expect(frames.at(-1)).toMatchObject({ final: { status: 'completed', response_text: 'Here it is.' } });
  });

  it('MCP: approval request, decision, buffered arguments, output, completed on one item', async () => {
    const agent = new Agent({
      name: 'triage',
      instructions: 'Use drive.',
      model: 'gpt-4.1',
      tools: [
        hostedMcpTool({
          serverLabel: 'drive',
          serverUrl: 'https://mcp.example.com/sse',
          requireApproval: 'always',
        }),
      ],
    });
    server.enqueue(
      mcpApprovalRequestTurn({
        serverLabel: 'drive',
        name: 'search',
        arguments: { query: 'quarterly report' },
        id: 'mcpr_1',
      }),
      mcpCallTurn({
        serverLabel: 'drive',
        name: 'search',
        arguments: { query: 'quarterly report' },
        output: '{"results":[{"title":"Q3"}]}',
        approvalRequestId: 'mcpr_1',
        answer: 'Found one report.',
      }),
    );
    // One public stream spans the pause: the runtime resumes the run after the user's decision.
    const projector = projectorFor(agent);
    const frames: PublicSseEvent[] = [];
    const first = await runner.run(agent, 'Search the drive', { stream: true });
    for await (const event of first) {
      const normalized = normalizeAgentStreamEvent(event);
      if (normalized) frames.push(...projector.project(normalized));
    }
    const [approval] = first.interruptions;
    if (!approval) throw new Error('expected an approval interruption');
    first.state.approve(approval);
    frames.push(
      ...projector.project({ type: 'tool_approval_decision', toolCallId: 'mcpr_1', approved: true }),
    );
    const resumed = await runner.run(agent, first.state, { stream: true });
    await projectSdkStream(resumed, projector, (frame) => frames.push(frame));
    expectValidStream(frames);

    expect(compareWithFixture(frames, fixture('chat-mcp-tool'), 'summary')).toEqual([]);
    expect(kinds(frames, 'tool.approval')[0]).toMatchObject({
      approval_request_id: 'mcpr_1',
      approved: true,
      tool_name: 'search',
    });
    expect(kinds(frames, 'tool.output')[0]).toMatchObject({
      tool_type: 'mcp',
      output: { results: [{ title: 'Q3' }] },
    });
    expect(new Set(kinds(frames, 'tool.status').map((f) => ('item_id' in f ? f.item_id : null)))).toEqual(
      new Set(['mcpr_1']),
    );
  });
});
