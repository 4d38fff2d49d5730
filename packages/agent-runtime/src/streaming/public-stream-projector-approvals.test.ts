import { Agent, hostedMcpTool, Runner, RunState, tool } from '@openai/agents';
import { checkStreamInvariants, type PublicSseEvent, PublicSseEventSchema } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDemoModelProvider } from '../models/demo-model-provider.js';
import {
  createOpenAiTestRunner,
  createOpenAiTestServer,
  mcpApprovalRequestTurn,
  mcpCallTurn,
} from '../testing/openai-server/index.js';
import { type ResumedApproval, resumedApprovalOf } from './project-approvals.js';
import { projectSdkStream } from './project-sdk-stream.js';
import { createPublicStreamProjector } from './public-stream-projector.js';

type AnyAgent = Agent<unknown, 'text'>;

function expectValidStream(frames: readonly PublicSseEvent[]): void {
  for (const frame of frames) expect(PublicSseEventSchema.safeParse(frame).error).toBeUndefined();
  expect(checkStreamInvariants(frames)).toEqual([]);
}

function labels(frames: readonly PublicSseEvent[]): string[] {
  return frames.flatMap((frame) => {
    if (frame.kind === 'tool.status') return [`tool.status:${frame.tool.status}`];
    if (frame.kind === 'tool.approval') return [`tool.approval:${frame.approved}`];
    if (frame.kind === 'lifecycle') return frame.reason ? [`lifecycle:${frame.status}:${frame.reason}`] : [];
    if (frame.kind === 'final') return [`final:${frame.final.status}`];
    if (frame.kind === 'error') return [`error:${frame.error.source}`];
    return frame.kind.startsWith('tool.') ? [frame.kind] : [];
  });
}

/** Streams one run (first or resumed) through a fresh projector, as the runtime does per HTTP stream. */
async function stream(
  runner: Runner,
  agent: AnyAgent,
  input: string | RunState<unknown, AnyAgent>,
  resumedApprovals?: readonly ResumedApproval[],
) {
  const projector = createPublicStreamProjector({
    streamId: `chat_${resumedApprovals ? 'resumed' : 'first'}`,
    conversationId: 'conv_approval',
    agent: agent.name,
    resumedApprovals,
  });
  const frames: PublicSseEvent[] = [];
  const result = await runner.run(agent, input, { stream: true });
  await projectSdkStream(result, projector, (frame) => frames.push(frame));
  return { frames, result };
}

function deleteFileAgent() {
  const deleteFile = tool({
    name: 'delete_file',
    description: 'Deletes a file.',
    parameters: z.object({ path: z.string() }),
    needsApproval: true,
    execute: async ({ path }) => ({ deleted: path }),
  });
  return new Agent({ name: 'triage', instructions: 'Help.', tools: [deleteFile] });
}

describe('function tools that need approval', () => {
  it('pauses the first stream (awaiting_approval, final incomplete) and resumes on a new stream', async () => {
    const runner = new Runner({ modelProvider: createDemoModelProvider(), tracingDisabled: true });
    const agent = deleteFileAgent();
    const first = await stream(runner, agent, 'use tool delete_file {"path":"a.txt"}');
    expectValidStream(first.frames);
    expect(labels(first.frames)).toEqual([
      'tool.status:in_progress',
      'tool.arguments.delta',
      'tool.arguments.done',
      'tool.status:awaiting_approval',
      'lifecycle:incomplete:awaiting_approval',
      'final:incomplete',
    ]);
    const paused = first.frames.find((f) => f.kind === 'tool.status');
    const callId = paused?.kind === 'tool.status' ? paused.tool.tool_call_id : '';
    const itemId = paused?.kind === 'tool.status' ? paused.item_id : '';
    // The function_call item is closed on the first stream: that stream is over.
    expect(first.frames.filter((f) => f.kind === 'output_item.done' && f.item_id === itemId)).toHaveLength(1);

    // The runtime keeps the paused run as a serialized RunState and resumes it on another request.
    const state = await RunState.fromString(agent, first.result.state.toString());
    const [interruption] = state.getInterruptions();
    if (!interruption) throw new Error('expected an approval interruption');
    state.approve(interruption);
    const approvals = [resumedApprovalOf(interruption, { approved: true, reason: 'ok by me' })];
    expect(approvals[0]).toMatchObject({
      toolType: 'function',
      toolCallId: callId,
      itemId,
      toolName: 'delete_file',
    });

    const resumed = await stream(runner, agent, state, approvals);
    expectValidStream(resumed.frames);
    expect(labels(resumed.frames)).toEqual([
      'tool.approval:true',
      'tool.status:in_progress',
      'tool.output',
      'tool.status:completed',
      'final:completed',
    ]);
    expect(resumed.frames[0]).toMatchObject({
      kind: 'tool.approval',
      event_id: 1,
      item_id: itemId,
      tool_call_id: callId,
      tool_type: 'function',
      tool_name: 'delete_file',
      reason: 'ok by me',
    });
    expect(resumed.frames.find((f) => f.kind === 'tool.output')).toMatchObject({
      tool_call_id: callId,
      output: { deleted: 'a.txt' },
    });
    expect(resumed.frames.at(-1)).toMatchObject({
      final: { status: 'completed', response_text: expect.stringContaining('delete_file') },
    });
  });

  it('a rejected call ends failed right after its tool.approval, and the run answers without it', async () => {
    const runner = new Runner({ modelProvider: createDemoModelProvider(), tracingDisabled: true });
    const agent = deleteFileAgent();
    const first = await stream(runner, agent, 'use tool delete_file {"path":"a.txt"}');
    const state = await RunState.fromString(agent, first.result.state.toString());
    const [interruption] = state.getInterruptions();
    if (!interruption) throw new Error('expected an approval interruption');
    state.reject(interruption);
    const reason = 'r'.repeat(2_500);
    const resumed = await stream(runner, agent, state, [
      resumedApprovalOf(interruption, { approved: false, reason }),
    ]);
    expectValidStream(resumed.frames);

    expect(labels(resumed.frames)).toEqual(['tool.approval:false', 'tool.status:failed', 'final:completed']);
    expect(resumed.frames[0]).toMatchObject({
      approved: false,
      reason: 'r'.repeat(2_000),
      notices: [{ type: 'truncated', path: 'reason' }],
    });
  });

  it('a projector rejects resumed approvals without ids at creation', () => {
    expect(() =>
      createPublicStreamProjector({
        streamId: 'chat_x',
        resumedApprovals: [{ toolCallId: '', toolName: 'x', approved: true }],
      }),
    ).toThrow(TypeError);
  });
});

describe('hosted MCP approvals across two streams', () => {
  it('first stream pauses on the approval request; the resumed stream continues the same item', async () => {
    const server = await createOpenAiTestServer();
    try {
      const runner = createOpenAiTestRunner(server);
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
      const call = { serverLabel: 'drive', name: 'search', arguments: { query: 'q3', api_key: 'k' } };
      server.enqueue(
        mcpApprovalRequestTurn({ ...call, id: 'mcpr_9' }),
        mcpCallTurn({ ...call, output: '{"hits":1}', approvalRequestId: 'mcpr_9', answer: 'Found one.' }),
      );
      const first = await stream(runner, agent as AnyAgent, 'Search the drive');
      expectValidStream(first.frames);
      expect(labels(first.frames)).toEqual([
        'tool.status:awaiting_approval',
        'lifecycle:incomplete:awaiting_approval',
        'final:incomplete',
      ]);

      const state = await RunState.fromString(agent as AnyAgent, first.result.state.toString());
      const [interruption] = state.getInterruptions();
      if (!interruption) throw new Error('expected an approval interruption');
      state.approve(interruption);
      const approval = resumedApprovalOf(interruption, { approved: true });
      expect(approval).toMatchObject({ toolType: 'mcp', toolCallId: 'mcpr_9', serverLabel: 'drive' });
      const resumed = await stream(runner, agent as AnyAgent, state, [approval]);
      expectValidStream(resumed.frames);

      expect(labels(resumed.frames)).toEqual([
        'tool.approval:true',
        'tool.arguments.delta',
        'tool.arguments.done',
        'tool.status:in_progress',
        'tool.output',
        'tool.status:completed',
        'final:completed',
      ]);
      expect(resumed.frames[0]).toMatchObject({
        tool_type: 'mcp',
        approval_request_id: 'mcpr_9',
        server_label: 'drive',
      });
      expect(resumed.frames.find((f) => f.kind === 'tool.arguments.done')).toMatchObject({
        arguments_json: { query: 'q3', api_key: '<redacted>' },
      });
      const toolItems = resumed.frames.flatMap((f) =>
        f.kind.startsWith('tool.') && 'item_id' in f ? [f.item_id] : [],
      );
      expect(new Set(toolItems)).toEqual(new Set(['mcpr_9']));
      expect(server.pendingTurns()).toBe(0);
    } finally {
      await server.close();
    }
  });
});
