import { type AgentRuntime, bundledAgentSpecs, DEMO_MODEL_NAME } from '@starter/agent-runtime';
import { describe, expect, it } from 'vitest';
import { agentModel, pageAgents } from './agent-catalog.js';

const triage = bundledAgentSpecs.find((spec) => spec.key === 'triage');
if (triage === undefined) throw new Error('triage agent missing');
const runtime = (usesDemoModel: boolean) => ({ usesDemoModel }) as AgentRuntime;

describe('agentModel', () => {
  it('names the resolved model when a real provider runs the agents', () => {
    const settings = { defaultModel: 'gpt-test-default' };
    expect(
      agentModel(runtime(false), { ...triage, model: undefined, modelKey: undefined }, settings),
    ).toEqual({
      model: 'gpt-test-default',
      model_label: 'gpt-test-default',
      requested_model: 'gpt-test-default',
      uses_demo_model: false,
    });
  });

  it('says the demo model stands in for the requested one', () => {
    const settings = { defaultModel: 'gpt-x' };
    expect(agentModel(runtime(true), { ...triage, model: undefined, modelKey: undefined }, settings)).toEqual(
      {
        model: DEMO_MODEL_NAME,
        model_label: 'demo model (requested: gpt-x)',
        requested_model: 'gpt-x',
        uses_demo_model: true,
      },
    );
  });
});

describe('pageAgents', () => {
  it('pages every match exactly once', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = pageAgents(bundledAgentSpecs, { limit: 4, cursor });
      seen.push(...page.page.map((spec) => spec.key));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toEqual(bundledAgentSpecs.map((spec) => spec.key).sort());
  });
});
