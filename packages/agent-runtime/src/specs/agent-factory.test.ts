import {
  type AgentInputItem,
  type Model,
  type ModelProvider,
  type ModelRequest,
  Runner,
  RunToolCallOutputItem,
  tool,
} from '@openai/agents';
import { RECOMMENDED_PROMPT_PREFIX } from '@openai/agents-core/extensions';
import { isAppError } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDemoModelProvider } from '../models/index.js';
import type { AgentRunContext } from '../runtime/run-context.js';
import { createAgentFactory } from './agent-factory.js';
import { createAgentRegistry } from './agent-registry.js';
import type { AgentSpec, AgentSpecInput } from './agent-spec-schema.js';
import { defineAgent } from './define-agent.js';
import { createPromptContextBuilder } from './prompt-context.js';

const runContext: AgentRunContext = {
  runId: 'run-1',
  tenantId: 'tenant-1',
  userId: 'user-1',
  userName: 'Ada',
  conversationId: 'conv-1',
  requestMessage: 'hello',
  environment: 'test',
};

/** Each agent pins a model named after it, so the recording tells which agent a request came from. */
function agent(key: string, displayName: string, patch: Partial<AgentSpecInput> = {}): AgentSpec {
  return defineAgent({
    key,
    displayName,
    description: `${displayName} does things.`,
    instructions: `I am ${key}.`,
    model: `model-${key}`,
    ...patch,
  } as AgentSpecInput);
}

interface RecordedRequest {
  readonly model: string;
  readonly request: ModelRequest;
}

/** The demo model, recording every request it gets. */
function recordingProvider(): { provider: ModelProvider; requests: RecordedRequest[] } {
  const demo = createDemoModelProvider();
  const requests: RecordedRequest[] = [];
  const provider: ModelProvider = {
    getModel(name?: string): Model {
      const model = demo.getModel(name);
      const record = (request: ModelRequest) => requests.push({ model: name ?? '', request });
      return {
        getResponse: (request) => {
          record(request);
          return model.getResponse(request);
        },
        getStreamedResponse: (request) => {
          record(request);
          return model.getStreamedResponse(request);
        },
      };
    },
  };
  return { provider, requests };
}

function factoryFor(specs: readonly AgentSpec[], toolKeys: readonly string[] = []) {
  const registry = createAgentRegistry(specs, { toolKeys: new Set(toolKeys) });
  const promptContext = createPromptContextBuilder({ clock: () => new Date('2025-01-02T03:04:00Z') });
  return {
    registry,
    promptContext,
    factory: createAgentFactory({ registry, modelSettings: {}, promptContext }),
  };
}

function inputsOf(requests: readonly RecordedRequest[], model: string): AgentInputItem[][] {
  return requests
    .filter((entry) => entry.model === model)
    .map((entry) =>
      typeof entry.request.input === 'string'
        ? [{ role: 'user', content: entry.request.input } as AgentInputItem]
        : entry.request.input,
    );
}

const textOf = (items: readonly AgentInputItem[]) => JSON.stringify(items);

describe('createAgentFactory', () => {
  it('builds a handoff graph with a rendered, handoff-wrapped prompt, and the handoff happens', async () => {
    const { factory } = factoryFor([
      agent('triage', 'Triage Assistant', {
        instructions: 'Help {{ user.name }} on {{ datetime.date }}.',
        handoffKeys: ['coder'],
        wrapWithHandoffPrompt: true,
      }),
      agent('coder', 'Code Assistant'),
    ]);
    const graph = await factory.build('triage', runContext);
    expect(graph.agentsByName).toEqual(
      new Map([
        ['Code Assistant', 'coder'],
        ['Triage Assistant', 'triage'],
      ]),
    );
    expect(graph.agent.handoffDescription).toBe('Triage Assistant does things.');

    const { provider, requests } = recordingProvider();
    const result = await new Runner({ modelProvider: provider, tracingDisabled: true }).run(
      graph.agent,
      'please handoff to code assistant',
      {
        context: runContext,
      },
    );
    expect(result.lastAgent?.name).toBe('Code Assistant');
    const triageRequest = requests.find((entry) => entry.model === 'model-triage')?.request;
    expect(triageRequest?.systemInstructions).toContain(RECOMMENDED_PROMPT_PREFIX);
    expect(triageRequest?.systemInstructions).toContain('Help Ada on January 2, 2025.');
    expect(requests.find((entry) => entry.model === 'model-coder')?.request.systemInstructions).toBe(
      'I am coder.',
    );
  });

  it('fails the build when the prompt needs a variable the request lacks', async () => {
    const { factory } = factoryFor([agent('triage', 'Triage', { instructions: 'Hi {{ user.name }}' })]);
    const error = await factory
      .build('triage', { ...runContext, userName: null })
      .catch((caught: unknown) => caught);
    expect(isAppError(error)).toBe(true);
    expect((error as Error).message).toContain("'user.name'");
    expect((error as Error).message).toContain("'triage'");
  });

  it('applies the handoff context filters to the history the target sees', async () => {
    const { factory } = factoryFor([
      agent('triage', 'Triage', {
        handoffKeys: ['full_target', 'fresh_target', 'last_target', 'bare_target'],
        handoffContext: { fresh_target: 'fresh', last_target: 'last_turn' },
        handoffOverrides: {
          bare_target: { inputFilter: 'remove_all_tools', toolName: 'go_bare' },
          full_target: {
            inputType: z.object({ reason: z.string() }),
            toolDescription: 'Hand over with a reason.',
          },
        },
      }),
      agent('full_target', 'Full Target'),
      agent('fresh_target', 'Fresh Target'),
      agent('last_target', 'Last Target'),
      agent('bare_target', 'Bare Target'),
    ]);
    const history = (message: string): AgentInputItem[] => [
      { role: 'user', content: 'earlier question' },
      { role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'earlier answer' }] },
      { role: 'user', content: message },
    ];
    const { provider, requests } = recordingProvider();
    const runner = new Runner({ modelProvider: provider, tracingDisabled: true });
    for (const [expected, message] of [
      ['Full Target', 'handoff to full_target'],
      ['Fresh Target', 'handoff to fresh_target'],
      ['Last Target', 'handoff to last_target'],
      ['Bare Target', 'handoff to go_bare'],
    ] as const) {
      const graph = await factory.build('triage', runContext);
      const result = await runner.run(graph.agent, history(message), { context: runContext });
      expect(result.lastAgent?.name).toBe(expected);
    }

    const [full] = inputsOf(requests, 'model-full_target');
    expect(textOf(full ?? [])).toContain('earlier question');
    expect(textOf(full ?? [])).toContain('function_call');

    const [fresh] = inputsOf(requests, 'model-fresh_target');
    expect(fresh).toEqual([{ role: 'user', content: 'handoff to fresh_target' }]);

    const [last] = inputsOf(requests, 'model-last_target');
    expect(textOf(last ?? [])).not.toContain('earlier question');
    expect(textOf(last ?? [])).toContain('earlier answer');
    expect(last?.[1]).toEqual({ role: 'user', content: 'handoff to last_target' });

    const [bare] = inputsOf(requests, 'model-bare_target');
    expect(textOf(bare ?? [])).toContain('earlier question');
    expect(textOf(bare ?? [])).not.toContain('function_call');
  });

  it('runs an agent as a tool, with the final_answer_only and custom extractors', async () => {
    const { factory } = factoryFor([
      agent('director', 'Task Director', {
        agentToolKeys: ['researcher', 'writer'],
        agentToolOverrides: {
          researcher: {
            toolName: 'research_deepdive',
            customOutputExtractor: 'final_answer_only',
            maxTurns: 2,
          },
          writer: {
            customOutputExtractor: (result) => `EXTRACTED(${String(result.finalOutput).slice(0, 22)})`,
          },
        },
      }),
      agent('researcher', 'Researcher'),
      agent('writer', 'Writer'),
    ]);
    const graph = await factory.build('director', runContext);
    expect(graph.agentToolNames).toEqual(
      new Map([
        ['research_deepdive', 'researcher'],
        ['writer', 'writer'],
      ]),
    );
    const runner = new Runner({ modelProvider: recordingProvider().provider, tracingDisabled: true });

    const research = await runner.run(graph.agent, 'use tool research_deepdive {"input":"quantum dots"}', {
      context: runContext,
    });
    const researchOutput = research.newItems.find((item) => item instanceof RunToolCallOutputItem);
    expect(researchOutput?.output).toMatch(/^Demo model reply to: quantum dots/);
    expect(research.finalOutput).toContain(
      'The tool research_deepdive returned: Demo model reply to: quantum dots',
    );
    expect(research.lastAgent?.name).toBe('Task Director');

    const written = await runner.run(graph.agent, 'use tool writer {"input":"a poem"}', {
      context: runContext,
    });
    const writerOutput = written.newItems.find((item) => item instanceof RunToolCallOutputItem);
    expect(writerOutput?.output).toBe('EXTRACTED(Demo model reply to: a)');
  });

  it('builds a shared target once per request, and every agent again for the next request', async () => {
    const registry = createAgentRegistry(
      [
        agent('triage', 'Triage', { handoffKeys: ['director', 'coder'] }),
        agent('director', 'Director', { agentToolKeys: ['coder'] }),
        agent('coder', 'Coder'),
      ],
      { toolKeys: new Set() },
    );
    const built: string[] = [];
    const factory = createAgentFactory({
      registry,
      modelSettings: { defaultModel: 'gpt-test' },
      promptContext: createPromptContextBuilder(),
      resolveTools: (spec) => {
        built.push(spec.key);
        return {};
      },
    });
    const graph = await factory.build('triage', runContext);
    expect(built.sort()).toEqual(['coder', 'director', 'triage']);
    expect(graph.agent.model).toBe('model-triage');
    const coderViaHandoff = (graph.agent.handoffs[1] as { agent: unknown } | undefined)?.agent;
    expect((coderViaHandoff as { name?: string } | undefined)?.name).toBe('Coder');
    expect(graph.agentToolNames).toEqual(new Map([['coder', 'coder']]));

    await factory.build('triage', runContext);
    expect(built).toHaveLength(6);
  });

  it('returns structured output validated against a zod or JSON schema', async () => {
    const brief = z.object({ company_name: z.string(), offerings: z.array(z.string()).min(1) });
    const { factory } = factoryFor([
      agent('intel', 'Company Intel', { output: { mode: 'json_schema', schema: brief } }),
      agent('plain', 'Plain JSON', {
        output: {
          mode: 'json_schema',
          name: 'PlainBrief',
          schema: {
            type: 'object',
            properties: { headline: { type: 'string' }, score: { type: 'integer', minimum: 3 } },
            required: ['headline', 'score'],
            additionalProperties: false,
          },
        },
      }),
    ]);
    const runner = new Runner({ modelProvider: createDemoModelProvider(), tracingDisabled: true });

    const intel = await runner.run((await factory.build('intel', runContext)).agent, 'Acme Corp please', {
      context: runContext,
    });
    expect(brief.parse(intel.finalOutput)).toEqual(intel.finalOutput);

    const plainAgent = (await factory.build('plain', runContext)).agent;
    expect(plainAgent.outputType).toMatchObject({ type: 'json_schema', name: 'PlainBrief', strict: true });
    const plain = await runner.run(plainAgent, 'Headline please', { context: runContext });
    expect(plain.finalOutput).toMatchObject({ headline: expect.any(String), score: 3 });
  });

  it('passes resolved tools and asks for code interpreter outputs', async () => {
    const clock = tool({
      name: 'get_current_time',
      description: 'Time.',
      parameters: z.object({}),
      execute: () => '12:00',
    });
    const registry = createAgentRegistry(
      [agent('coder', 'Coder', { toolKeys: ['get_current_time', 'code_interpreter'] })],
      {
        toolKeys: new Set(['get_current_time', 'code_interpreter']),
      },
    );
    const factory = createAgentFactory({
      registry,
      modelSettings: {},
      promptContext: createPromptContextBuilder(),
      resolveTools: (spec) => ({
        tools: spec.key === 'coder' ? [clock] : [],
        metadata: { container_mode: 'auto' },
      }),
    });
    const graph = await factory.build('coder', runContext);
    expect(graph.agent.tools).toEqual([clock]);
    expect(graph.agent.modelSettings.providerData).toEqual({ include: ['code_interpreter_call.outputs'] });
    expect(graph.toolMetadata.get('coder')).toEqual({ container_mode: 'auto' });
    const result = await new Runner({ modelProvider: createDemoModelProvider(), tracingDisabled: true }).run(
      graph.agent,
      'use tool get_current_time',
      {
        context: runContext,
      },
    );
    expect(result.finalOutput).toContain('The tool get_current_time returned: 12:00');
  });
});
