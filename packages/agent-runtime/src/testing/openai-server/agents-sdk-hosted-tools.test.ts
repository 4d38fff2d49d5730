import {
  Agent,
  codeInterpreterTool,
  fileSearchTool,
  hostedMcpTool,
  imageGenerationTool,
  type Runner,
  type RunStreamEvent,
  webSearchTool,
} from '@openai/agents';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  codeInterpreterTurn,
  fileSearchTurn,
  imageGenerationTurn,
  mcpApprovalRequestTurn,
  mcpCallTurn,
  mcpListToolsTurn,
  webSearchTurn,
} from './hosted-tool-turns.js';
import { createOpenAiTestServer, type OpenAiTestServer } from './openai-test-server.js';
import { createOpenAiTestRunner } from './test-runner.js';

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

type RawEvent = { type: string } & Record<string, unknown>;

function rawEvents(events: readonly RunStreamEvent[]): RawEvent[] {
  return events.flatMap((event) =>
    event.type === 'raw_model_stream_event' && event.data.type === 'model'
      ? [event.data.event as RawEvent]
      : [],
  );
}

async function runStreamed(agent: Agent, input: Parameters<Runner['run']>[1]) {
  const result = await runner.run(agent, input, { stream: true });
  const events: RunStreamEvent[] = [];
  for await (const event of result) events.push(event);
  await result.completed;
  return { result, events, raw: rawEvents(events) };
}

function inputOf(target: OpenAiTestServer, call: number): unknown[] {
  const body = target.responseRequests()[call]?.body as { input?: unknown[] } | undefined;
  if (body?.input === undefined) throw new Error(`responses call #${call + 1} has no input`);
  return body.input;
}

function hostedCalls(items: ReadonlyArray<{ type: string; rawItem: unknown }>): unknown[] {
  return items.filter((item) => item.type === 'tool_call_item').map((item) => item.rawItem);
}

describe('hosted tool turns through @openai/agents', () => {
  it('web search: status events, a hosted call item and url_citation annotations', async () => {
    const agent = new Agent({
      name: 'researcher',
      instructions: 'Search.',
      model: 'gpt-4.1',
      tools: [webSearchTool()],
    });
    const answer = 'Turtles nest on Gulf beaches.';
    server.enqueue(
      webSearchTurn({
        query: 'sea turtle nesting',
        sources: [{ url: 'https://example.com/turtles', title: 'Turtle update' }],
        answer,
      }),
    );
    const { result, raw } = await runStreamed(agent, 'Turtles?');

    expect(result.finalOutput).toBe(answer);
    expect(raw.map((event) => event.type)).toEqual(
      expect.arrayContaining([
        'response.web_search_call.in_progress',
        'response.web_search_call.searching',
        'response.web_search_call.completed',
        'response.output_text.annotation.added',
      ]),
    );
    expect(raw.find((event) => event.type === 'response.output_text.annotation.added')).toMatchObject({
      annotation: {
        type: 'url_citation',
        url: 'https://example.com/turtles',
        start_index: 0,
        end_index: answer.length,
      },
      annotation_index: 0,
      output_index: 1,
    });
    expect(hostedCalls(result.newItems)).toEqual([
      expect.objectContaining({
        type: 'hosted_tool_call',
        name: 'web_search_call',
        status: 'completed',
        providerData: expect.objectContaining({
          action: {
            type: 'search',
            query: 'sea turtle nesting',
            sources: [{ type: 'url', url: 'https://example.com/turtles' }],
          },
        }),
      }),
    ]);
    expect(server.responseRequests()[0]?.body).toMatchObject({ tools: [{ type: 'web_search' }] });
  });

  it('file search: status events, results on the item and file citations', async () => {
    const agent = new Agent({
      name: 'docs',
      instructions: 'Search files.',
      model: 'gpt-4.1',
      tools: [fileSearchTool(['vs_123'])],
    });
    server.enqueue(
      fileSearchTurn({
        queries: ['refund policy'],
        results: [
          {
            file_id: 'file_1',
            filename: 'policy.pdf',
            score: 0.91,
            text: 'Refunds within 30 days.',
            attributes: {},
          },
        ],
        answer: 'Refunds are accepted within 30 days.',
      }),
    );
    const { result, raw } = await runStreamed(agent, 'Refunds?');

    expect(raw.map((event) => event.type)).toEqual(
      expect.arrayContaining([
        'response.file_search_call.in_progress',
        'response.file_search_call.searching',
        'response.file_search_call.completed',
      ]),
    );
    expect(raw.find((event) => event.type === 'response.output_text.annotation.added')).toMatchObject({
      annotation: { type: 'file_citation', file_id: 'file_1', filename: 'policy.pdf' },
    });
    expect(hostedCalls(result.newItems)).toEqual([
      expect.objectContaining({
        name: 'file_search_call',
        providerData: expect.objectContaining({
          queries: ['refund policy'],
          results: [expect.objectContaining({ file_id: 'file_1', score: 0.91 })],
        }),
      }),
    ]);
    expect(server.responseRequests()[0]?.body).toMatchObject({
      tools: [{ type: 'file_search', vector_store_ids: ['vs_123'] }],
    });
  });

  it('code interpreter: code deltas, interpreting, and a container_file_citation', async () => {
    const agent = new Agent({
      name: 'analyst',
      instructions: 'Compute.',
      model: 'gpt-4.1',
      tools: [codeInterpreterTool()],
    });
    const code = 'import pandas as pd\ndf = pd.DataFrame({"x": [1, 2, 3]})\ndf.to_csv("/mnt/data/x.csv")';
    server.enqueue(
      codeInterpreterTurn({
        code,
        containerId: 'cntr_1',
        outputs: [{ type: 'logs', logs: 'ok' }],
        files: [{ fileId: 'cfile_1', filename: 'x.csv', startIndex: 5, endIndex: 10 }],
        answer: 'Made x.csv for you.',
      }),
    );
    const { result, raw } = await runStreamed(agent, 'Make a CSV');

    const types = raw.map((event) => event.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'response.code_interpreter_call.in_progress',
        'response.code_interpreter_call.interpreting',
        'response.code_interpreter_call.completed',
      ]),
    );
    const codeDeltas = raw.filter((event) => event.type === 'response.code_interpreter_call_code.delta');
    expect(codeDeltas.length).toBeGreaterThan(1);
    expect(codeDeltas.map((event) => event.delta).join('')).toBe(code);
    expect(raw.find((event) => event.type === 'response.code_interpreter_call_code.done')).toMatchObject({
      code,
    });
    expect(raw.find((event) => event.type === 'response.output_text.annotation.added')).toMatchObject({
      annotation: {
        type: 'container_file_citation',
        container_id: 'cntr_1',
        file_id: 'cfile_1',
        start_index: 5,
        end_index: 10,
      },
    });
    expect(hostedCalls(result.newItems)).toEqual([
      expect.objectContaining({
        name: 'code_interpreter_call',
        providerData: expect.objectContaining({
          code,
          container_id: 'cntr_1',
          outputs: [{ type: 'logs', logs: 'ok' }],
        }),
      }),
    ]);
  });

  it('image generation: partial images in order, then the final image as the call output', async () => {
    const agent = new Agent({
      name: 'painter',
      instructions: 'Draw.',
      model: 'gpt-4.1',
      tools: [imageGenerationTool()],
    });
    server.enqueue(
      imageGenerationTurn({ partials: ['cGFydDE=', 'cGFydDI='], result: 'ZmluYWw=', answer: 'Here it is.' }),
    );
    const { result, raw } = await runStreamed(agent, 'Draw a cat');

    expect(raw.map((event) => event.type)).toEqual(
      expect.arrayContaining([
        'response.image_generation_call.in_progress',
        'response.image_generation_call.generating',
        'response.image_generation_call.completed',
      ]),
    );
    const partials = raw.filter((event) => event.type === 'response.image_generation_call.partial_image');
    expect(partials.map((event) => [event.partial_image_index, event.partial_image_b64])).toEqual([
      [0, 'cGFydDE='],
      [1, 'cGFydDI='],
    ]);
    expect(hostedCalls(result.newItems)).toEqual([
      expect.objectContaining({ name: 'image_generation_call', output: 'ZmluYWw=' }),
    ]);
    expect(result.finalOutput).toBe('Here it is.');
  });
});

describe('hosted MCP turns through @openai/agents', () => {
  const drive = () => hostedMcpTool({ serverLabel: 'drive', serverUrl: 'https://mcp.example.com/sse' });

  it('lists tools and calls one, streaming the call arguments', async () => {
    const agent = new Agent({ name: 'mcp', instructions: 'Use drive.', model: 'gpt-4.1', tools: [drive()] });
    server.enqueue(
      mcpListToolsTurn({
        serverLabel: 'drive',
        tools: [
          { name: 'search', input_schema: { type: 'object', properties: { query: { type: 'string' } } } },
        ],
      }),
    );
    server.enqueue(
      mcpCallTurn({
        serverLabel: 'drive',
        name: 'search',
        arguments: { query: 'quarterly report' },
        output: '{"results":2}',
        answer: 'Found two reports.',
      }),
    );
    // A response holding only mcp_list_tools is not final, so the SDK asks again and gets the call.
    const { result, raw } = await runStreamed(agent, 'Search the drive');
    const types = raw.map((event) => event.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'response.mcp_list_tools.in_progress',
        'response.mcp_list_tools.completed',
        'response.mcp_call.in_progress',
        'response.mcp_call_arguments.delta',
        'response.mcp_call_arguments.done',
        'response.mcp_call.completed',
      ]),
    );
    expect(raw.find((event) => event.type === 'response.mcp_call_arguments.done')).toMatchObject({
      arguments: '{"query":"quarterly report"}',
    });
    expect(hostedCalls(result.newItems)).toEqual([
      expect.objectContaining({
        name: 'mcp_list_tools',
        providerData: expect.objectContaining({
          server_label: 'drive',
          tools: [expect.objectContaining({ name: 'search' })],
        }),
      }),
      expect.objectContaining({
        name: 'mcp_call',
        output: '{"results":2}',
        providerData: expect.objectContaining({ name: 'search', server_label: 'drive' }),
      }),
    ]);
    expect(result.finalOutput).toBe('Found two reports.');
    expect(server.responseRequests()[0]?.body).toMatchObject({
      tools: [{ type: 'mcp', server_label: 'drive', server_url: 'https://mcp.example.com/sse' }],
    });
  });

  it('an approval request interrupts the run; approving sends mcp_approval_response next', async () => {
    const agent = new Agent({
      name: 'mcp',
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
        name: 'delete_file',
        arguments: { id: 'f1' },
        id: 'mcpr_1',
      }),
      mcpCallTurn({
        serverLabel: 'drive',
        name: 'delete_file',
        arguments: { id: 'f1' },
        output: 'deleted',
        approvalRequestId: 'mcpr_1',
        answer: 'Deleted.',
      }),
    );
    const first = await runStreamed(agent, 'Delete f1');
    expect(first.result.interruptions).toHaveLength(1);
    const [approval] = first.result.interruptions;
    expect(approval?.rawItem).toMatchObject({ providerData: { type: 'mcp_approval_request', id: 'mcpr_1' } });
    if (approval === undefined) throw new Error('no approval item');
    first.result.state.approve(approval);

    const resumed = await runStreamed(agent, first.result.state);
    expect(resumed.result.finalOutput).toBe('Deleted.');
    expect(inputOf(server, 1)).toContainEqual(
      expect.objectContaining({
        type: 'mcp_approval_response',
        approval_request_id: 'mcpr_1',
        approve: true,
      }),
    );
  });
});
