import { isAppError } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AgentSpecInput } from './agent-spec-schema.js';
import { defineAgent } from './define-agent.js';

const base: AgentSpecInput = {
  key: 'helper',
  displayName: 'Helper',
  description: 'Helps.',
  instructions: 'Help.',
};

function errorOf(input: AgentSpecInput): Error {
  try {
    defineAgent(input);
  } catch (error) {
    return error as Error;
  }
  throw new Error('defineAgent accepted an invalid spec');
}

describe('defineAgent', () => {
  it('applies defaults and freezes the spec deeply', () => {
    const spec = defineAgent({ ...base, promptDefaults: { user: { name: 'there' } } });
    expect(spec.toolKeys).toEqual([]);
    expect(spec.vectorStoreBinding).toBe('tenant_default');
    expect(spec.default).toBe(false);
    expect(Object.isFrozen(spec)).toBe(true);
    expect(Object.isFrozen(spec.promptDefaults.user)).toBe(true);
    expect(() => (spec.handoffKeys as string[]).push('x')).toThrow();
  });

  it('turns a file URL prompt path into an absolute path', () => {
    const { instructions: _unused, ...rest } = base;
    const spec = defineAgent({ ...rest, promptPath: new URL('file:///srv/agents/helper/prompt.md') });
    expect(spec.promptPath).toBe('/srv/agents/helper/prompt.md');
    expect(errorOf({ ...rest, promptPath: 'relative/prompt.md' }).message).toContain('promptPath');
  });

  it('names the agent key and each bad field path', () => {
    const error = errorOf({ ...base, key: 'helper', displayName: '', toolKeys: [''] });
    expect(isAppError(error)).toBe(true);
    expect(error.message).toContain("agent 'helper'");
    expect(error.message).toContain('- displayName:');
    expect(error.message).toContain('- toolKeys.0:');
  });

  it.each([
    [
      'model and modelKey together',
      { model: 'gpt-5.1', modelKey: 'code' },
      'model: model and modelKey are mutually exclusive',
    ],
    ['an empty model', { model: '  ' }, 'model: must not be empty'],
    [
      'both instructions and a prompt path',
      { promptPath: '/x/prompt.md' },
      'exactly one of instructions or promptPath',
    ],
    [
      'json_schema output without a schema',
      { output: { mode: 'json_schema' } },
      'output.schema: json_schema output needs a schema',
    ],
    [
      'a static binding without ids',
      { vectorStoreBinding: 'static' },
      'vectorStoreIds: static vector store binding',
    ],
    ['a bad key', { key: 'Helper-1' }, 'key: must match'],
    ['an unknown field', { colour: 'blue' }, 'colour'],
    [
      'a non-object JSON schema',
      { output: { mode: 'json_schema', schema: { type: 'string' } } },
      'output.schema',
    ],
    [
      'an unknown handoff filter',
      { handoffKeys: ['x'], handoffContext: { x: 'everything' } },
      'handoffContext.x',
    ],
  ] as const)('rejects %s', (_name, patch, expected) => {
    expect(errorOf({ ...base, ...(patch as object) } as AgentSpecInput).message).toContain(expected);
  });

  it('rejects a spec with neither instructions nor a prompt path', () => {
    const { instructions: _unused, ...rest } = base;
    expect(errorOf(rest).message).toContain('exactly one of instructions or promptPath');
  });

  it('accepts zod and JSON-schema outputs, handoff input types and extractor functions', () => {
    const spec = defineAgent({
      ...base,
      handoffKeys: ['other'],
      handoffOverrides: {
        other: { inputType: z.object({ reason: z.string() }), inputFilter: 'remove_all_tools' },
      },
      agentToolKeys: ['sub'],
      agentToolOverrides: { sub: { customOutputExtractor: () => 'x', isEnabled: () => true, maxTurns: 3 } },
      output: {
        mode: 'json_schema',
        schema: { type: 'object', properties: {}, required: [], additionalProperties: false },
      },
    });
    expect(spec.output?.strict).toBe(true);
    expect(
      defineAgent({ ...base, output: { mode: 'json_schema', schema: z.object({ a: z.string() }) } }).output
        ?.mode,
    ).toBe('json_schema');
  });
});
