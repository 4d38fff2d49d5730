import { describe, expect, it } from 'vitest';
import { type AgentRegistryOptions, createAgentRegistry } from './agent-registry.js';
import { AgentRegistryError } from './agent-registry-error.js';
import type { AgentSpec, AgentSpecInput } from './agent-spec-schema.js';
import { defineAgent } from './define-agent.js';

const tools: AgentRegistryOptions = { toolKeys: new Set(['get_current_time', 'code_interpreter']) };

function agent(key: string, patch: Partial<AgentSpecInput> = {}): AgentSpec {
  return defineAgent({
    key,
    displayName: key.replace(/_/g, ' ').toUpperCase(),
    description: `The ${key} agent.`,
    instructions: `You are ${key}.`,
    ...patch,
  } as AgentSpecInput);
}

function problemsOf(specs: readonly AgentSpec[], options: AgentRegistryOptions = tools): readonly string[] {
  try {
    createAgentRegistry(specs, options);
  } catch (error) {
    expect(error).toBeInstanceOf(AgentRegistryError);
    const registryError = error as AgentRegistryError;
    for (const problem of registryError.problems) expect(registryError.message).toContain(`\n- ${problem}`);
    return registryError.problems;
  }
  throw new Error('registry accepted invalid specs');
}

describe('createAgentRegistry', () => {
  it('lists, orders and resolves agents', () => {
    const registry = createAgentRegistry(
      [
        agent('director', { agentToolKeys: ['researcher', 'coder'] }),
        agent('triage', { default: true, handoffKeys: ['coder', 'researcher'] }),
        agent('researcher'),
        agent('coder', { toolKeys: ['code_interpreter'] }),
      ],
      tools,
    );
    expect(registry.list().map((spec) => spec.key)).toEqual(['coder', 'director', 'researcher', 'triage']);
    expect(registry.defaultKey).toBe('triage');
    expect(registry.buildOrder).toEqual(['coder', 'researcher', 'director', 'triage']);
    expect(registry.resolveKey('director')).toBe('director');
    expect(registry.resolveKey('nope')).toBe('triage');
    expect(registry.resolveKey(undefined)).toBe('triage');
    expect(registry.has('coder')).toBe(true);
    expect(registry.promptSource('coder')).toBe('You are coder.');
    expect(() => registry.get('nope')).toThrow(/Unknown agent 'nope'/);
  });

  it('takes the alphabetically first agent as default when none is marked', () => {
    expect(createAgentRegistry([agent('zeta'), agent('alpha')], tools).defaultKey).toBe('alpha');
  });

  it('drops a missing optional tool with a warning', () => {
    const registry = createAgentRegistry(
      [agent('researcher', { toolKeys: ['web_search', 'get_current_time'] })],
      tools,
    );
    expect(registry.get('researcher').toolKeys).toEqual(['get_current_time']);
    expect(registry.warnings).toEqual([
      "agent 'researcher': optional tool 'web_search' is not registered; dropped",
    ]);
    const custom = createAgentRegistry([agent('a', { toolKeys: ['maybe'] })], {
      ...tools,
      optionalToolKeys: new Set(['maybe']),
    });
    expect(custom.get('a').toolKeys).toEqual([]);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf([
      agent('a', { default: true, handoffKeys: ['b', 'ghost'] }),
      agent('b', { default: true, agentToolKeys: ['a', 'phantom'] }),
      agent('a'),
      agent('c', { toolKeys: ['teleport', 'web_search'] }),
    ]);
    expect(problems).toEqual(
      expect.arrayContaining([
        "duplicate agent key 'a'",
        "agent 'a': unknown handoff target 'ghost'",
        "agent 'b': unknown agent-tool target 'phantom'",
        "agent 'c': unknown tool 'teleport'",
        'agent cycle: a → b → a',
        'more than one default agent: a, b',
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  it('shows the whole path of a longer cycle', () => {
    const problems = problemsOf([
      agent('a', { handoffKeys: ['b'] }),
      agent('b', { agentToolKeys: ['c'] }),
      agent('c', { handoffKeys: ['a'] }),
    ]);
    expect(problems).toEqual(['agent cycle: a → b → c → a']);
    expect(problemsOf([agent('solo', { handoffKeys: ['solo'] })])).toEqual(['agent cycle: solo → solo']);
  });

  it('rejects duplicate tool names within one agent', () => {
    const problems = problemsOf([
      agent('director', {
        toolKeys: ['get_current_time'],
        agentToolKeys: ['helper', 'other'],
        agentToolOverrides: {
          helper: { toolName: 'get_current_time' },
          other: { toolName: 'transfer_to_HELPER' },
        },
        handoffKeys: ['helper'],
      }),
      agent('helper'),
      agent('other'),
    ]);
    expect(problems).toEqual([
      "agent 'director': duplicate tool name 'get_current_time' (tool 'get_current_time' and agent tool 'helper')",
      "agent 'director': duplicate tool name 'transfer_to_HELPER' (agent tool 'other' and handoff 'helper')",
    ]);
  });

  it('rejects overrides and context for targets that are not configured', () => {
    const problems = problemsOf([
      agent('a', {
        handoffKeys: ['b'],
        handoffContext: { c: 'fresh' },
        handoffOverrides: { c: { toolName: 'go_c' } },
        agentToolOverrides: { b: { maxTurns: 2 } },
      }),
      agent('b'),
      agent('c'),
    ]);
    expect(problems).toEqual([
      "agent 'a': handoffContext names 'c', not in handoffKeys",
      "agent 'a': handoffOverrides names 'c', not in handoffKeys",
      "agent 'a': agentToolOverrides names 'b', not in agentToolKeys",
    ]);
  });

  it('reports prompt template syntax errors and unreadable prompt files', () => {
    const problems = problemsOf([
      agent('broken', { instructions: 'Hi {% if user.name %}{{ user.name }}' }),
      agent('filter', { instructions: '{{ user.name | shout }}' }),
      defineAgent({
        key: 'missing',
        displayName: 'Missing',
        description: 'd',
        promptPath: '/nonexistent/prompt.md',
      }),
      agent('fine', { instructions: 'Hello {{ user.name }} at {{ tenant.id }}' }),
    ]);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^agent 'broken': prompt template error: .*not closed/);
    expect(problems[1]).toMatch(/^agent 'filter': prompt template error: .*shout/);
    expect(problems[2]).toMatch(/^agent 'missing': cannot read prompt file \/nonexistent\/prompt\.md/);
  });

  it('reads prompt files through the reader it is given', () => {
    const registry = createAgentRegistry(
      [defineAgent({ key: 'a', displayName: 'A', description: 'd', promptPath: '/p/prompt.md' })],
      { ...tools, readPrompt: (path) => `from ${path}` },
    );
    expect(registry.promptSource('a')).toBe('from /p/prompt.md');
  });

  it('adds the problems of the validateAgent hook and of shared display names', () => {
    const problems = problemsOf([agent('a', { displayName: 'Same' }), agent('b', { displayName: 'Same' })], {
      ...tools,
      validateAgent: (spec) => (spec.key === 'a' ? ['guardrail preset "nope" is unknown'] : []),
    });
    expect(problems).toEqual([
      "agents 'a' and 'b' share the display name 'Same'",
      'agent \'a\': guardrail preset "nope" is unknown',
    ]);
    expect(problemsOf([])).toEqual(['no agents are defined']);
  });
});
