import {
  Agent,
  InputGuardrailTripwireTriggered,
  OutputGuardrailTripwireTriggered,
  Runner,
} from '@openai/agents';
import { isAppError } from '@starter/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoModelProvider } from '../models/index.js';
import type { AgentRunContext } from '../runtime/run-context.js';
import {
  createOpenAiTestProvider,
  createOpenAiTestServer,
  type OpenAiTestServer,
  textTurn,
} from '../testing/openai-server/index.js';
import { buildAgentGuardrails } from './build-agent-guardrails.js';
import type { GuardrailResultEvent } from './guardrail-events.js';
import { createGuardrailModelClient } from './guardrail-model-client.js';
import { createGuardrailRegistry } from './guardrail-registry.js';
import { maskInput } from './mask-input.js';

const registry = createGuardrailRegistry();

function runner() {
  return new Runner({ modelProvider: createDemoModelProvider(), tracingDisabled: true });
}

function runContext(requestMessage: string): AgentRunContext {
  return {
    runId: 'run_1',
    tenantId: null,
    userId: null,
    conversationId: null,
    requestMessage,
    environment: 'test',
  };
}

function agentWith(guardrails: ReturnType<typeof buildAgentGuardrails>) {
  return new Agent<AgentRunContext>({
    name: 'Assistant',
    instructions: 'Be helpful.',
    inputGuardrails: guardrails.inputGuardrails,
    outputGuardrails: guardrails.outputGuardrails,
  });
}

let server: OpenAiTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('buildAgentGuardrails with a real SDK run on the demo model', () => {
  it('an input tripwire aborts the run with InputGuardrailTripwireTriggered and emits the result', async () => {
    const events: GuardrailResultEvent[] = [];
    const guardrails = buildAgentGuardrails(
      { guardrails: [{ key: 'pii_detection_input', config: { block: true } }] },
      undefined,
      { registry, sink: (event) => events.push(event) },
    );
    const message = 'my ssn is 123-45-6789';
    const error = await runner()
      .run(agentWith(guardrails), message, { context: runContext(message) })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InputGuardrailTripwireTriggered);
    expect((error as InputGuardrailTripwireTriggered).result.guardrail.name).toBe('pii_detection_input');
    expect(events).toEqual([
      expect.objectContaining({
        type: 'guardrail_result',
        stage: 'pre_flight',
        key: 'pii_detection_input',
        name: 'PII detection (input)',
        tripwire: true,
        suppressed: false,
        flagged: true,
        masked_content: 'my ssn is <US_SSN>',
        tool_name: null,
      }),
    ]);
  });

  it('suppressTripwire lets the run finish but still emits a suppressed result', async () => {
    const events: GuardrailResultEvent[] = [];
    const guardrails = buildAgentGuardrails(
      { guardrails: [{ key: 'pii_detection_input', config: { block: true } }] },
      { suppressTripwire: true },
      { registry, sink: (event) => events.push(event) },
    );
    const result = await runner().run(agentWith(guardrails), 'my ssn is 123-45-6789', {
      context: runContext('my ssn is 123-45-6789'),
    });
    expect(String(result.finalOutput)).toMatch(/^Demo model reply to/);
    expect(events).toEqual([expect.objectContaining({ tripwire: false, suppressed: true, flagged: true })]);
  });

  it('pre-flight checks block the model; input checks run in parallel only in streaming mode', () => {
    const config = { keys: ['pii_detection_input', 'moderation'] };
    const blocking = buildAgentGuardrails(config, undefined, { registry });
    expect(blocking.inputGuardrails.map((guardrail) => [guardrail.name, guardrail.runInParallel])).toEqual([
      ['pii_detection_input', false],
      ['moderation', false],
    ]);
    expect(blocking.streamingMode).toBe('blocking');
    const streaming = buildAgentGuardrails(config, { streamingMode: 'streaming' }, { registry });
    expect(streaming.inputGuardrails.map((guardrail) => guardrail.runInParallel)).toEqual([false, true]);
    expect(streaming.preFlight.map((item) => item.key)).toEqual(['pii_detection_input']);
  });

  it('an output url_filter trips with OutputGuardrailTripwireTriggered', async () => {
    const events: GuardrailResultEvent[] = [];
    const guardrails = buildAgentGuardrails(
      { guardrails: [{ key: 'url_filter', config: { url_block_list: ['evil.example'] } }] },
      undefined,
      { registry, sink: (event) => events.push(event) },
    );
    const message = 'summarise https://files.evil.example/payload';
    const error = await runner()
      .run(agentWith(guardrails), message, { context: runContext(message) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutputGuardrailTripwireTriggered);
    expect(events[0]).toMatchObject({
      stage: 'output',
      key: 'url_filter',
      tripwire: true,
      details: { blocked_urls: ['https://files.evil.example/payload'] },
    });
  });

  it('a blocking PII output check trips on personal data in the answer (streamed run)', async () => {
    const guardrails = buildAgentGuardrails(
      { guardrails: [{ key: 'pii_detection_output', config: { block: true } }] },
      undefined,
      { registry },
    );
    const message = 'write to ops@example.com';
    const result = await runner().run(agentWith(guardrails), message, {
      context: runContext(message),
      stream: true,
    });
    let failure: unknown;
    try {
      for await (const _event of result) {
        // drain
      }
      await result.completed;
    } catch (error) {
      failure = error;
    }
    expect(failure ?? result.error).toBeInstanceOf(OutputGuardrailTripwireTriggered);
  });

  it('an LLM check without a model client reports execution_failed and does not trip', async () => {
    const events: GuardrailResultEvent[] = [];
    const guardrails = buildAgentGuardrails({ keys: ['jailbreak_detection'] }, undefined, {
      registry,
      sink: (event) => events.push(event),
    });
    const result = await runner().run(agentWith(guardrails), 'hello', { context: runContext('hello') });
    expect(result.finalOutput).toBeDefined();
    expect(events).toEqual([
      expect.objectContaining({
        key: 'jailbreak_detection',
        execution_failed: true,
        tripwire: false,
        flagged: false,
      }),
    ]);
    expect(events[0]?.error).toMatch(/No OpenAI model client/);
  });

  it('prompt_injection on output sends the request message as history to the guardrail model', async () => {
    server = await createOpenAiTestServer();
    server.enqueue(textTurn(JSON.stringify({ flagged: false, confidence: 0.1, reason: 'ok' })));
    const modelClient = createGuardrailModelClient({ modelProvider: createOpenAiTestProvider(server) });
    const guardrails = buildAgentGuardrails({ keys: ['prompt_injection'] }, undefined, {
      registry,
      modelClient,
    });
    await runner().run(agentWith(guardrails), 'what is new?', { context: runContext('what is new?') });
    const body = server.responseRequests()[0]?.body as { input: { content: string }[] | string };
    const text = typeof body.input === 'string' ? body.input : (body.input[0]?.content ?? '');
    const payload = JSON.parse(text) as Record<string, unknown>;
    expect(payload.conversation_history).toEqual([{ role: 'user', content: 'what is new?' }]);
    expect(String(payload.assistant_output)).toMatch(/^Demo model reply to: what is new\?/);
  });

  it('rejects tool-stage checks on an agent', () => {
    expect.assertions(2);
    try {
      buildAgentGuardrails({ keys: ['pii_tool_output'] }, undefined, { registry });
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('ValidationError');
      expect((error as Error).message).toMatch(/belongs in tool guardrails/);
    }
  });
});

describe('maskInput', () => {
  it('masks the user message with masking pre-flight checks and emits what it masked', async () => {
    const events: GuardrailResultEvent[] = [];
    const guardrails = buildAgentGuardrails({ preset: 'minimal' }, undefined, { registry });
    const masked = maskInput('mail jane@example.com please', guardrails.preFlight, {
      sink: (event) => events.push(event),
    });
    expect(masked.text).toBe('mail <EMAIL_ADDRESS> please');
    expect(events).toEqual(masked.results);
    expect(masked.results).toEqual([
      expect.objectContaining({ key: 'pii_detection_input', tripwire: false, masked_content: masked.text }),
    ]);
    expect(maskInput('nothing here', guardrails.preFlight).results).toEqual([]);
  });

  it('leaves blocking checks to the input guardrail', () => {
    const resolved = buildAgentGuardrails({ preset: 'strict' }, undefined, { registry }).preFlight;
    expect(maskInput('ssn 123-45-6789', resolved).text).toBe('ssn 123-45-6789');
  });
});
