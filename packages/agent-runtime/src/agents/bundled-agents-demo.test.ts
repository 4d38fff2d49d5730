import { checkStreamInvariants, type PublicSseEvent } from '@starter/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentRuntime, createAgentRuntime } from '../runtime/create-agent-runtime.js';
import type { RuntimeEvent } from '../runtime/run-events.js';
import { createInMemoryConversationSearch } from '../tools/in-memory-conversation-search.js';
import { companyIntelBriefSchema } from './company_intel/company-intel-brief.js';

const TENANT = '11111111-1111-4111-8111-111111111111';

async function streamOf(
  runtime: AgentRuntime,
  agentKey: string,
  message: string,
  events: RuntimeEvent[] = [],
) {
  const stream = await runtime.stream({
    agentKey,
    message,
    tenantId: TENANT,
    userId: 'u1',
    onEvent: (event) => events.push(event),
  });
  const frames: PublicSseEvent[] = [];
  for await (const frame of stream.frames) frames.push(frame);
  expect(checkStreamInvariants(frames)).toEqual([]);
  return { frames, outcome: await stream.outcome, events };
}

const kinds = (frames: readonly PublicSseEvent[]) => frames.map((frame) => frame.kind);
const toolFrames = (frames: readonly PublicSseEvent[]) =>
  frames.filter(
    (frame): frame is Extract<PublicSseEvent, { kind: 'tool.status' }> => frame.kind === 'tool.status',
  );

describe('bundled agents on the offline demo model', () => {
  let runtime: AgentRuntime;
  beforeAll(async () => {
    runtime = await createAgentRuntime({
      environment: 'test',
      tools: {
        conversationSearch: createInMemoryConversationSearch([
          { tenantId: TENANT, id: 'conv_a', text: 'Quarterly planning notes' },
        ]),
      },
    });
  });
  afterAll(() => runtime.close());

  it('registers all nine, triage as the default, and warns about hosted tools it had to drop', () => {
    expect(runtime.agents.list().map((spec) => spec.key)).toEqual([
      'code_assistant',
      'company_intel',
      'compliance_reviewer',
      'director',
      'image_studio',
      'pdf_designer',
      'researcher',
      'retriever',
      'triage',
    ]);
    expect(runtime.agents.defaultKey).toBe('triage');
    expect(runtime.usesDemoModel).toBe(true);
    expect(runtime.agents.warnings.join('\n')).toContain('code_interpreter');
  });

  it('triage answers, calls its tools, and hands off to the code assistant', async () => {
    const text = await streamOf(runtime, 'triage', 'hello');
    expect(text.outcome.status).toBe('completed');
    expect(text.outcome.responseText).toContain('Demo model reply to: hello');

    const search = await streamOf(runtime, 'triage', 'use tool search_conversations {"query":"planning"}');
    expect(JSON.stringify(search.frames)).toContain('conv_a: Quarterly planning notes');

    const handoff = await streamOf(runtime, 'triage', 'handoff to code_assistant');
    expect(kinds(handoff.frames)).toContain('agent.updated');
    expect(handoff.outcome.lastAgentKey).toBe('code_assistant');
  });

  it('an unknown agent key runs the default agent', async () => {
    const { outcome } = await streamOf(runtime, 'no_such_agent', 'hello');
    expect(outcome.agentKey).toBe('triage');
  });

  it('code assistant, researcher, retriever, image studio and pdf designer answer without their hosted tools', async () => {
    for (const key of ['code_assistant', 'researcher', 'retriever', 'image_studio', 'pdf_designer']) {
      const { outcome } = await streamOf(runtime, key, 'hello');
      expect(outcome.status, key).toBe('completed');
      expect(outcome.agentKey).toBe(key);
    }
  });

  it('company intel returns a brief valid against CompanyIntelBrief', async () => {
    const { frames, outcome } = await streamOf(runtime, 'company_intel', 'Acme Corporation');
    expect(outcome.status).toBe('completed');
    expect(companyIntelBriefSchema.parse(outcome.structuredOutput)).toBeTruthy();
    const final = frames.at(-1) as Extract<PublicSseEvent, { kind: 'final' }>;
    expect(final.final.structured_output).toEqual(outcome.structuredOutput);
  });

  it('compliance reviewer runs the strict preset: personal data trips it, a clean text passes', async () => {
    const blocked = await streamOf(runtime, 'compliance_reviewer', 'Email jane.doe@example.com the contract');
    expect(blocked.frames.at(-1)?.kind).toBe('error');
    expect(blocked.outcome.status).toBe('failed');
    expect(JSON.stringify(blocked.frames)).not.toContain('jane.doe@example.com');
    const results = blocked.events.filter((event) => event.type === 'guardrail_result');
    expect(results).toContainEqual(expect.objectContaining({ key: 'pii_detection_input', tripwire: true }));
    expect(blocked.events.some((event) => event.type === 'guardrail_summary')).toBe(true);

    const clean = await streamOf(runtime, 'compliance_reviewer', 'Review our refund policy wording');
    expect(clean.outcome.status).toBe('completed');
    expect(clean.frames.at(-1)?.kind).toBe('final');
  });

  it('director delegates to an agent tool whose nested run streams in scope and is metered', async () => {
    const { frames, outcome, events } = await streamOf(
      runtime,
      'director',
      'use tool code_helper {"input":"add two numbers"}',
    );
    expect(outcome.status).toBe('completed');
    const agentTool = toolFrames(frames).find((frame) => frame.tool.tool_type === 'agent');
    expect(agentTool).toBeDefined();
    expect(frames.some((frame) => 'scope' in frame && frame.scope?.tool_call_id !== undefined)).toBe(true);
    // Director's two responses plus the code assistant's nested one.
    expect(events.filter((event) => event.type === 'model_usage')).toHaveLength(3);
    expect(outcome.usage?.requests).toBe(3);
  });
});
