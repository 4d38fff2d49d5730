import { Agent, handoff, ModelRefusalError, Runner, type RunStreamEvent, tool } from '@openai/agents';
import { isAppError } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDemoModelProvider } from './demo-model-provider.js';

// These tests drive the real Agents SDK runner, so they pin the demo model to what the SDK accepts.
function createRunner() {
  return new Runner({ modelProvider: createDemoModelProvider(), tracingDisabled: true });
}

function createClockTool(calls: unknown[]) {
  return tool({
    name: 'get_current_time',
    description: 'Returns the current time in a timezone.',
    parameters: z.object({ timezone: z.string() }),
    execute: async (args) => {
      calls.push(args);
      return `12:34 in ${args.timezone}`;
    },
  });
}

async function collect(stream: AsyncIterable<RunStreamEvent>): Promise<RunStreamEvent[]> {
  const events: RunStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

// A failed run rejects the stream iteration itself; keep what arrived before the failure.
async function collectUntilFailure(
  stream: AsyncIterable<RunStreamEvent>,
): Promise<{ events: RunStreamEvent[]; error: unknown }> {
  const events: RunStreamEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
  } catch (error) {
    return { events, error };
  }
  return { events, error: undefined };
}

function rawTypes(events: readonly RunStreamEvent[]): string[] {
  return events.flatMap((event) =>
    event.type === 'raw_model_stream_event' && event.data.type === 'model'
      ? [String((event.data.event as { type: unknown }).type)]
      : [],
  );
}

describe('demo model through the Agents SDK runner', () => {
  it('streams a text reply token by token and ends with the same final output', async () => {
    const agent = new Agent({ name: 'Assistant', instructions: 'Be helpful.' });
    const result = await createRunner().run(agent, 'What can you do?', { stream: true });
    const events = await collect(result);
    await result.completed;

    const deltas = events.flatMap((event) =>
      event.type === 'raw_model_stream_event' && event.data.type === 'output_text_delta'
        ? [event.data.delta]
        : [],
    );
    expect(deltas.length).toBeGreaterThan(10);
    expect(deltas.join('')).toBe(result.finalOutput);
    expect(result.finalOutput).toMatch(/^Demo model reply to: What can you do\?/);
    expect(result.finalOutput).toContain('offline demo model');
    const sources = events.flatMap((event) =>
      event.type === 'raw_model_stream_event' ? [event.source] : [],
    );
    expect(sources).toContain('openai-responses');
    expect(rawTypes(events)).toEqual(
      expect.arrayContaining(['response.created', 'response.output_text.delta', 'response.completed']),
    );
  });

  it('calls a zod tool with the given arguments and mentions its output', async () => {
    const calls: unknown[] = [];
    const agent = new Agent({
      name: 'Assistant',
      instructions: 'Use tools.',
      tools: [createClockTool(calls)],
    });
    const result = await createRunner().run(
      agent,
      'Please use tool get_current_time {"timezone":"Europe/Paris"}',
      {
        stream: true,
      },
    );
    const events = await collect(result);
    await result.completed;

    expect(calls).toEqual([{ timezone: 'Europe/Paris' }]);
    expect(result.finalOutput).toContain('The tool get_current_time returned: 12:34 in Europe/Paris');
    expect(rawTypes(events)).toEqual(
      expect.arrayContaining([
        'response.function_call_arguments.delta',
        'response.function_call_arguments.done',
      ]),
    );
    const itemNames = events.flatMap((event) => (event.type === 'run_item_stream_event' ? [event.name] : []));
    expect(itemNames).toEqual(['tool_called', 'tool_output', 'message_output_created']);
  });

  it('fills in tool arguments from the parameter schema when none are given', async () => {
    const calls: unknown[] = [];
    const agent = new Agent({ name: 'Assistant', tools: [createClockTool(calls)] });
    const result = await createRunner().run(agent, 'call get_current_time please');

    expect(calls).toEqual([{ timezone: 'call get_current_time please' }]);
    expect(result.finalOutput).toContain('The tool get_current_time returned:');
  });

  it('lists the available tools when asked for an unknown one', async () => {
    const agent = new Agent({ name: 'Assistant', tools: [createClockTool([])] });
    const result = await createRunner().run(agent, 'use tool launch_rocket');

    expect(result.finalOutput).toContain('There is no tool named "launch_rocket"');
    expect(result.finalOutput).toContain('get_current_time');
  });

  it('hands off to the named agent, which then answers', async () => {
    const coder = new Agent({ name: 'Code Assistant', instructions: 'Write code.' });
    const triage = new Agent({ name: 'Triage', instructions: 'Route requests.', handoffs: [coder] });
    const result = await createRunner().run(triage, 'Please handoff to code_assistant, I need a script', {
      stream: true,
    });
    const events = await collect(result);
    await result.completed;

    expect(result.lastAgent).toBe(coder);
    const agentNames = events.flatMap((event) =>
      event.type === 'agent_updated_stream_event' ? [event.agent.name] : [],
    );
    expect(agentNames).toEqual(['Code Assistant']);
    expect(result.finalOutput).toContain('Picked up the conversation after transfer_to_Code_Assistant.');
  });

  it('fills in handoff input that fits the handoff input type', async () => {
    const received: unknown[] = [];
    const researcher = new Agent({ name: 'Researcher' });
    const escalation = handoff(researcher, {
      inputType: z.object({ reason: z.string(), priority: z.number().int().min(1) }),
      onHandoff: (_context, input) => {
        received.push(input);
      },
    });
    const triage = new Agent({ name: 'Triage', handoffs: [escalation] });
    const result = await createRunner().run(triage, 'transfer to researcher: find sources');

    expect(result.lastAgent).toBe(researcher);
    expect(received).toEqual([{ reason: 'transfer to researcher: find sources', priority: 1 }]);
  });

  it('returns structured output that the agent parses with its zod output type', async () => {
    const brief = z.object({
      company_name: z.string(),
      canonical_url: z.url(),
      employees: z.number().int().min(1),
      offerings: z.array(z.string()),
      kind: z.enum(['startup', 'enterprise']),
      ceo: z.object({ name: z.string(), url: z.string().nullable() }),
    });
    const agent = new Agent({ name: 'Analyst', outputType: brief });
    const result = await createRunner().run(agent, 'Brief me on Acme Corp');

    expect(brief.parse(result.finalOutput)).toEqual(result.finalOutput);
    expect(result.finalOutput?.company_name).toBe('Brief me on Acme Corp');
  });

  it('raises the SDK refusal error for "demo: refuse" after streaming the refusal', async () => {
    const agent = new Agent({ name: 'Assistant' });
    const result = await createRunner().run(agent, 'demo: refuse', { stream: true });
    const { events, error } = await collectUntilFailure(result);

    expect(error).toBeInstanceOf(ModelRefusalError);

    expect(rawTypes(events)).toEqual(
      expect.arrayContaining(['response.refusal.delta', 'response.refusal.done']),
    );
  });

  it('streams a reasoning summary before the text for "demo: reason"', async () => {
    const agent = new Agent({ name: 'Assistant' });
    const result = await createRunner().run(agent, 'demo: reason about cats', { stream: true });
    const events = await collect(result);
    await result.completed;

    const types = rawTypes(events);
    const firstReasoning = types.indexOf('response.reasoning_summary_text.delta');
    expect(firstReasoning).toBeGreaterThan(0);
    expect(firstReasoning).toBeLessThan(types.indexOf('response.output_text.delta'));
    const itemNames = events.flatMap((event) => (event.type === 'run_item_stream_event' ? [event.name] : []));
    expect(itemNames).toEqual(['reasoning_item_created', 'message_output_created']);
    expect(result.finalOutput).toMatch(/^Demo model reply to: demo: reason about cats/);
  });

  it('surfaces a provider error for "demo: error" after a raw error event', async () => {
    const agent = new Agent({ name: 'Assistant' });
    const result = await createRunner().run(agent, 'demo: error', { stream: true });
    const { events, error } = await collectUntilFailure(result);

    expect(isAppError(error) && error.code).toBe('BadGateway');
    expect(rawTypes(events).at(-1)).toBe('error');
    await expect(createRunner().run(agent, 'demo: error')).rejects.toThrow(/failed on purpose/);
  });

  it('runs without streaming too, with usage reported per request', async () => {
    const calls: unknown[] = [];
    const agent = new Agent({ name: 'Assistant', tools: [createClockTool(calls)] });
    const result = await createRunner().run(agent, 'use tool get_current_time {"timezone":"UTC"}');

    expect(result.finalOutput).toContain('12:34 in UTC');
    expect(result.rawResponses).toHaveLength(2);
    for (const response of result.rawResponses) {
      expect(response.usage.requests).toBe(1);
      expect(response.usage.inputTokens).toBeGreaterThan(0);
      expect(response.usage.outputTokens).toBeGreaterThan(0);
      expect(response.usage.totalTokens).toBe(response.usage.inputTokens + response.usage.outputTokens);
    }
    expect(result.state.usage.requests).toBe(2);
  });
});
