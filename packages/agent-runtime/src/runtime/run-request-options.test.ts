import type { Model, ModelProvider, ModelRequest } from '@openai/agents';
import { checkStreamInvariants, type PublicSseEvent } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { createDemoModelProvider } from '../models/demo-model-provider.js';
import { defineAgent } from '../specs/define-agent.js';
import type { AgentRunRequest } from './agent-run-request.js';
import { type AgentRuntime, createAgentRuntime } from './create-agent-runtime.js';

/** The demo model, recording every request the SDK makes to it. */
function recordingProvider(): { provider: ModelProvider; requests: ModelRequest[] } {
  const demo = createDemoModelProvider();
  const requests: ModelRequest[] = [];
  const provider: ModelProvider = {
    async getModel(name) {
      const model = await demo.getModel(name);
      const recording: Model = {
        getResponse: (request) => {
          requests.push(request);
          return model.getResponse(request);
        },
        getStreamedResponse: (request) => {
          requests.push(request);
          return model.getStreamedResponse(request);
        },
      };
      return recording;
    },
  };
  return { provider, requests };
}

const front = defineAgent({
  key: 'front',
  displayName: 'Front',
  description: 'Routes requests.',
  instructions: 'You route. Team: {{ request.context.team }}.',
  handoffKeys: ['back'],
  // The spec asks for the full history: the request's policy wins over it.
  handoffContext: { back: 'full' },
  promptDefaults: { request: { context: { team: 'none' } } },
});
const back = defineAgent({
  key: 'back',
  displayName: 'Back',
  description: 'Does the work.',
  instructions: 'You do the work.',
});

async function run(runtime: AgentRuntime, request: Partial<AgentRunRequest>) {
  const stream = await runtime.stream({ agentKey: 'front', message: 'hello', ...request });
  const frames: PublicSseEvent[] = [];
  for await (const frame of stream.frames) frames.push(frame);
  expect(checkStreamInvariants(frames)).toEqual([]);
  return { frames, outcome: await stream.outcome };
}

const inputItems = (request: ModelRequest) => (typeof request.input === 'string' ? [] : request.input);

describe('per-request run options (§1.11 run_options, context)', () => {
  it('passes previous_response_id and the run_config model settings to the model request', async () => {
    const { provider, requests } = recordingProvider();
    const runtime = await createAgentRuntime({ agents: [front, back], modelProvider: provider });
    const { outcome } = await run(runtime, {
      previousResponseId: 'resp_previous',
      modelSettings: { temperature: 0.3, topP: 0.5, maxTokens: 123 },
    });
    expect(outcome.status).toBe('completed');
    expect(requests[0]?.previousResponseId).toBe('resp_previous');
    expect(requests[0]?.modelSettings).toMatchObject({ temperature: 0.3, topP: 0.5, maxTokens: 123 });

    requests.length = 0;
    await run(runtime, {});
    expect(requests[0]?.previousResponseId).toBeUndefined();
    expect(requests[0]?.modelSettings.temperature).toBeUndefined();
  });

  it('exposes the request context to prompts as request.context (spec defaults fill it when absent)', async () => {
    const { provider, requests } = recordingProvider();
    const runtime = await createAgentRuntime({ agents: [front, back], modelProvider: provider });
    await run(runtime, { requestContext: { team: 'blue' } });
    expect(requests[0]?.systemInstructions).toContain('Team: blue.');
    requests.length = 0;
    await run(runtime, {});
    expect(requests[0]?.systemInstructions).toContain('Team: none.');
  });

  it('a request handoff filter overrides the spec for every handoff (fresh: no transfer items)', async () => {
    const { provider, requests } = recordingProvider();
    const runtime = await createAgentRuntime({ agents: [front, back], modelProvider: provider });
    const backInput = async (request: Partial<AgentRunRequest>) => {
      requests.length = 0;
      const { outcome } = await run(runtime, { message: 'handoff to back', ...request });
      expect(outcome.lastAgentKey).toBe('back');
      const target = requests.find((item) => item.systemInstructions?.includes('You do the work.'));
      return inputItems(target as ModelRequest).map((item) => item.type ?? 'message');
    };
    // The spec's `full`: the target sees the transfer call and its output.
    expect(await backInput({})).toEqual(expect.arrayContaining(['function_call', 'function_call_result']));
    // The request's `fresh`: only the user's message.
    expect(await backInput({ handoffInputFilter: 'fresh' })).toEqual(['message']);
  });
});
