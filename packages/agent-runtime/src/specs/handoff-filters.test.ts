import type { AgentInputItem, HandoffInputData } from '@openai/agents';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { agentOutputJsonSchemaOf } from './agent-output-type.js';
import { finalAnswerOnlyExtractor } from './agent-tool-extractors.js';
import { defineAgent } from './define-agent.js';
import { freshHandoffFilter, handoffInputFilterFor, lastTurnHandoffFilter } from './handoff-filters.js';

const history: AgentInputItem[] = [
  { role: 'user', content: 'first' },
  { type: 'function_call', callId: 'c1', name: 'lookup', arguments: '{}' },
  { type: 'function_call_result', callId: 'c1', name: 'lookup', status: 'completed', output: 'found' },
  { role: 'user', content: 'second' },
];

const data = (inputHistory: string | AgentInputItem[]): HandoffInputData => ({
  inputHistory,
  preHandoffItems: [],
  newItems: [],
});

describe('handoff filters', () => {
  it('maps registry names to filters; full is no filter', () => {
    expect(handoffInputFilterFor('full')).toBeUndefined();
    expect(handoffInputFilterFor('fresh')).toBe(freshHandoffFilter);
    expect(handoffInputFilterFor('remove_all_tools')).toBeTypeOf('function');
  });

  it('fresh keeps only the latest user message', () => {
    expect(freshHandoffFilter(data(history)).inputHistory).toEqual([{ role: 'user', content: 'second' }]);
    expect(freshHandoffFilter(data('just text')).inputHistory).toBe('just text');
  });

  it('last_turn keeps the last two items but never a tool output without its call', () => {
    expect(lastTurnHandoffFilter(data(history)).inputHistory).toEqual([{ role: 'user', content: 'second' }]);
    expect(lastTurnHandoffFilter(data(history.slice(0, 2))).inputHistory).toEqual(history.slice(0, 2));
  });
});

describe('output helpers', () => {
  it('final_answer_only returns the final output as text', async () => {
    expect(await finalAnswerOnlyExtractor({ finalOutput: 'done' })).toBe('done');
    expect(await finalAnswerOnlyExtractor({ finalOutput: { a: 1 } })).toBe('{"a":1}');
    expect(await finalAnswerOnlyExtractor({})).toBe('');
  });

  it('reports the JSON schema of structured output', () => {
    const base = { key: 'a', displayName: 'A', description: 'd', instructions: 'i' };
    expect(agentOutputJsonSchemaOf(defineAgent(base))).toBeNull();
    const schema = agentOutputJsonSchemaOf(
      defineAgent({ ...base, output: { mode: 'json_schema', schema: z.object({ name: z.string() }) } }),
    );
    expect(schema).toMatchObject({
      type: 'object',
      properties: { name: { type: 'string' } },
      required: ['name'],
    });
  });
});
