import { readFileSync } from 'node:fs';
import { Agent, Runner } from '@openai/agents';
import { checkStreamInvariants, type PublicSseEvent, PublicSseEventSchema } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { createDemoModelProvider } from '../models/demo-model-provider.js';
import { normalizeAgentStreamEvent } from './normalize-agent-stream-event.js';
import { projectSdkStream } from './project-sdk-stream.js';
import { createPublicStreamProjector } from './public-stream-projector.js';
import { compareWithFixture } from './stream-skeleton.js';

const FIXTURES = new URL('../../../contracts/src/streaming/fixtures/public-sse-v1/', import.meta.url);

function fixture(name: string): PublicSseEvent[] {
  const lines = readFileSync(new URL(`${name}.ndjson`, FIXTURES), 'utf8')
    .split('\n')
    .filter(Boolean);
  return lines.map((line) => PublicSseEventSchema.parse(JSON.parse(line)));
}

describe('scoped agent-as-tool sub-streams', () => {
  it('streams the nested run with scope, one shared event counter, then the agent tool output', async () => {
    const frames: PublicSseEvent[] = [];
    const projector = createPublicStreamProjector({
      streamId: 'chat_agent_tool',
      conversationId: 'c_agent',
      agent: 'triage',
      agentToolNames: new Map([['ask_researcher', 'researcher']]),
    });
    const researcher = new Agent({ name: 'researcher', instructions: 'Research.' });
    const askResearcher = researcher.asTool({
      toolName: 'ask_researcher',
      toolDescription: 'Ask the researcher.',
      onStream: ({ event, agent, toolCall }) => {
        const normalized = normalizeAgentStreamEvent(event);
        if (!normalized || !toolCall) return;
        frames.push(...projector.projectScoped(toolCall.callId, agent.name, normalized));
      },
    });
    const triage = new Agent({ name: 'triage', instructions: 'Delegate.', tools: [askResearcher] });
    const runner = new Runner({ modelProvider: createDemoModelProvider(), tracingDisabled: true });
    const result = await runner.run(triage, 'use tool ask_researcher {"input":"Market sizing"}', {
      stream: true,
    });
    await projectSdkStream(result, projector, (frame) => frames.push(frame));

    for (const frame of frames) expect(PublicSseEventSchema.safeParse(frame).error).toBeUndefined();
    expect(checkStreamInvariants(frames)).toEqual([]);
    expect(compareWithFixture(frames, fixture('chat-agent-tool-streaming'))).toEqual([]);

    const scoped = frames.filter((frame) => 'scope' in frame && frame.scope);
    expect(scoped.length).toBeGreaterThan(0);
    const call = frames.find((frame) => frame.kind === 'tool.status');
    expect(call).toMatchObject({ tool: { tool_type: 'agent', name: 'ask_researcher', agent: 'researcher' } });
    for (const frame of scoped) {
      expect(frame).toMatchObject({
        agent: 'triage',
        scope: { type: 'agent_tool', tool_name: 'ask_researcher', agent: 'researcher' },
      });
    }
    // The nested transcript numbers its own items from 0.
    expect(scoped.find((frame) => frame.kind === 'output_item.added')).toMatchObject({ output_index: 0 });
  });
});
