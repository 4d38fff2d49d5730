import { Agent, Runner, ToolCallError, ToolInputGuardrailTripwireTriggered, tool } from '@openai/agents';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDemoModelProvider } from '../models/index.js';
import type { AgentRunContext } from '../runtime/run-context.js';
import { attachToolGuardrails, buildToolGuardrails, chooseToolConfig } from './build-tool-guardrails.js';
import type { GuardrailResultEvent } from './guardrail-events.js';
import { createGuardrailRegistry } from './guardrail-registry.js';

const registry = createGuardrailRegistry();

function context(requestMessage: string): AgentRunContext {
  return {
    runId: 'run_1',
    tenantId: null,
    userId: null,
    conversationId: null,
    requestMessage,
    environment: 'test',
  };
}

function lookupTool(calls: string[], answer = 'no record') {
  return tool({
    name: 'lookup_customer',
    description: 'Looks up a customer by email.',
    parameters: z.object({ email: z.string() }),
    execute: async ({ email }) => {
      calls.push(email);
      return answer;
    },
  });
}

function run(agentTool: ReturnType<typeof lookupTool>, message: string) {
  const agent = new Agent<AgentRunContext>({ name: 'Assistant', instructions: 'Help.', tools: [agentTool] });
  return new Runner({ modelProvider: createDemoModelProvider(), tracingDisabled: true }).run(agent, message, {
    context: context(message),
  });
}

describe('buildToolGuardrails', () => {
  it('blocks a function tool call whose arguments carry PII (throwException ⇒ run fails, tool never runs)', async () => {
    const events: GuardrailResultEvent[] = [];
    const calls: string[] = [];
    const guardrails = buildToolGuardrails(
      'lookup_customer',
      { agentWide: { input: { guardrails: [{ key: 'pii_tool_input', config: { block: true } }] } } },
      { registry, sink: (event) => events.push(event) },
    );
    const guarded = attachToolGuardrails(lookupTool(calls), guardrails);
    const error = await run(guarded, 'use tool lookup_customer {"email":"jane@example.com"}').catch(
      (caught: unknown) => caught,
    );

    // The runner wraps tool-stage tripwires in ToolCallError; the tripwire itself is `error.error`.
    expect(error).toBeInstanceOf(ToolCallError);
    expect((error as ToolCallError).error).toBeInstanceOf(ToolInputGuardrailTripwireTriggered);
    expect(calls).toEqual([]);
    expect(events).toEqual([
      expect.objectContaining({
        stage: 'tool_input',
        key: 'pii_tool_input',
        tripwire: true,
        tool_name: 'lookup_customer',
        tool_call_id: expect.stringMatching(/^call_/),
      }),
    ]);
  });

  it('masks PII in arguments before the tool runs and in results before the model sees them', async () => {
    const events: GuardrailResultEvent[] = [];
    const calls: string[] = [];
    const guardrails = buildToolGuardrails(
      'lookup_customer',
      {
        override: {
          input: { keys: ['pii_tool_input'] },
          output: { keys: ['pii_tool_output'] },
        },
      },
      { registry, sink: (event) => events.push(event) },
    );
    const guarded = attachToolGuardrails(lookupTool(calls, 'found: call 415-555-0134'), guardrails);
    const result = await run(guarded, 'use tool lookup_customer {"email":"jane@example.com"}');

    expect(calls).toEqual(['<EMAIL_ADDRESS>']);
    expect(String(result.finalOutput)).toContain('found: call <PHONE_NUMBER>');
    expect(String(result.finalOutput)).not.toContain('415-555-0134');
    expect(events.map((event) => [event.stage, event.flagged, event.tripwire])).toEqual([
      ['tool_input', true, false],
      ['tool_output', true, false],
    ]);
  });

  it('a suppressed tool tripwire lets the call through but records it', async () => {
    const events: GuardrailResultEvent[] = [];
    const calls: string[] = [];
    const guardrails = buildToolGuardrails(
      'lookup_customer',
      { agentWide: { input: { preset: 'tool_strict', suppressTripwire: true } } },
      { registry, sink: (event) => events.push(event) },
    );
    await run(
      attachToolGuardrails(lookupTool(calls), guardrails),
      'use tool lookup_customer {"email":"a@b.io"}',
    );
    expect(calls).toEqual(['a@b.io']);
    expect(events.find((event) => event.key === 'pii_tool_input')).toMatchObject({
      tripwire: false,
      suppressed: true,
    });
    // The preset's LLM check has no client here: it fails visibly rather than passing.
    expect(events.find((event) => event.key === 'prompt_injection_tool_input')).toMatchObject({
      execution_failed: true,
    });
    // A tool preset on the input side keeps only tool_input members.
    expect(guardrails.resolved.map((item) => item.key)).toEqual([
      'pii_tool_input',
      'prompt_injection_tool_input',
    ]);
  });

  it('precedence: per-tool override (disabled ⇒ none, no fallback) > agent-wide > provider default', () => {
    const agentWide = { input: { keys: ['pii_tool_input'] } };
    const providerDefault = { output: { keys: ['pii_tool_output'] } };
    expect(chooseToolConfig({ override: { enabled: false }, agentWide, providerDefault })).toBeUndefined();
    expect(chooseToolConfig({ agentWide, providerDefault })).toBe(agentWide);
    expect(chooseToolConfig({ providerDefault })).toBe(providerDefault);
    const none = buildToolGuardrails('x', { override: { enabled: false }, agentWide }, { registry });
    expect(none.inputGuardrails).toEqual([]);
    const fallback = buildToolGuardrails('x', { providerDefault }, { registry });
    expect(fallback.outputGuardrails.map((guardrail) => guardrail.type)).toEqual(['tool_output']);
  });

  it('rejects agent-stage checks in a tool config', () => {
    expect(() =>
      buildToolGuardrails('x', { agentWide: { input: { keys: ['moderation'] } } }, { registry }),
    ).toThrow(/takes only tool_input checks/);
  });
});
