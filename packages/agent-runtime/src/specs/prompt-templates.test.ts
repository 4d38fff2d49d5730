import { isAppError } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import type { AgentRunContext } from '../runtime/run-context.js';
import { defineAgent } from './define-agent.js';
import { createPromptContextBuilder, mergeDefaults } from './prompt-context.js';
import { createPromptTemplateEngine } from './prompt-template-engine.js';

const runContext: AgentRunContext = {
  runId: 'run-1',
  tenantId: 'tenant-1',
  userId: 'user-1',
  userName: 'Ada',
  conversationId: 'conv-1',
  requestMessage: 'What time is it?',
  environment: 'test',
  memorySummary: 'Likes tea.',
};

const spec = defineAgent({
  key: 'triage',
  displayName: 'Triage Assistant',
  description: 'Routes.',
  instructions: 'unused',
  promptDefaults: { user: { name: 'there' }, tone: 'friendly' },
});

const fixedClock = () => new Date('2025-03-05T14:07:30Z');

describe('prompt template engine', () => {
  const engine = createPromptTemplateEngine();

  it('renders Jinja-style templates without escaping and trims block lines', () => {
    const source =
      'Hi {{ user.name }}!\n  {% if memory.summary %}\n  Memory: {{ memory.summary }}\n  {% endif %}\nBye';
    expect(engine.renderLenient(source, { user: { name: '<Ada & co>' }, memory: { summary: 'S' } })).toBe(
      'Hi <Ada & co>!\n  Memory: S\nBye',
    );
    expect(engine.renderLenient(source, { user: { name: 'A' }, memory: {} })).toBe('Hi A!\nBye');
  });

  it('renders missing variables as empty at boot', () => {
    expect(engine.renderLenient('[{{ user.name }}][{{ nothing.at.all }}]', {})).toBe('[][]');
  });

  it('names the undefined variable and the agent in a strict render', () => {
    let caught: unknown;
    try {
      engine.renderStrict('Hello {{ user.name }}', { user: { id: 'u' } }, 'triage');
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught)).toBe(true);
    expect((caught as Error).message).toBe(
      "Prompt of agent 'triage' uses the undefined variable 'user.name'.",
    );
    expect((caught as { details: unknown }).details).toEqual({ agent: 'triage', variable: 'user.name' });
  });

  it('lets an if test an optional variable in strict mode', () => {
    expect(
      engine.renderStrict('{% if memory.summary %}yes{% else %}no{% endif %}', { memory: {} }, 'a'),
    ).toBe('no');
  });

  it('caches parsed templates', () => {
    expect(engine.parse('{{ a }}')).toBe(engine.parse('{{ a }}'));
  });

  it('rejects template syntax errors', () => {
    expect(() => engine.parse('{% if a %}never closed')).toThrow(/not closed/);
  });
});

describe('prompt context', () => {
  it('exposes the run variables of §3.4', () => {
    const context = createPromptContextBuilder({ clock: fixedClock }).build(spec, runContext);
    expect(context).toMatchObject({
      user: { id: 'user-1', name: 'Ada' },
      tenant: { id: 'tenant-1' },
      run: { conversation_id: 'conv-1', request_message: 'What time is it?' },
      env: { environment: 'test' },
      agent: { key: 'triage', display_name: 'Triage Assistant' },
      memory: { summary: 'Likes tea.' },
      tone: 'friendly',
    });
  });

  it('merges prompt defaults without overwriting real values', () => {
    const builder = createPromptContextBuilder({ clock: fixedClock });
    expect(builder.build(spec, runContext).user).toEqual({ id: 'user-1', name: 'Ada' });
    expect(builder.build(spec, { ...runContext, userName: null }).user).toEqual({
      id: 'user-1',
      name: 'there',
    });
    expect(mergeDefaults({ a: { b: 1, c: null } }, { a: { b: 2, c: 3, d: { e: 4 } }, f: [1] })).toEqual({
      a: { b: 1, c: 3, d: { e: 4 } },
      f: [1],
    });
  });

  it('formats the built-in datetime provider from the clock', () => {
    const context = createPromptContextBuilder({ clock: fixedClock }).build(spec, runContext);
    expect(context.datetime).toEqual({
      date: 'March 5, 2025',
      time: '14:07 UTC',
      date_and_time: 'March 5, 2025 14:07 UTC',
    });
  });

  it('runs registered providers and renders them', () => {
    const builder = createPromptContextBuilder({
      clock: fixedClock,
      providers: [{ name: 'company', provide: ({ spec: s }) => ({ name: `ACME for ${s.key}` }) }],
    });
    const engine = createPromptTemplateEngine();
    expect(
      engine.renderStrict(
        '{{ company.name }} on {{ datetime.date }}',
        builder.build(spec, runContext),
        'triage',
      ),
    ).toBe('ACME for triage on March 5, 2025');
  });

  it('refuses a provider that would overwrite an existing variable', () => {
    const builder = createPromptContextBuilder({
      providers: [{ name: 'user', provide: () => ({ name: 'x' }) }],
    });
    expect(() => builder.build(spec, runContext)).toThrow(/provider 'user' would overwrite/);
    const fromDefaults = createPromptContextBuilder({ providers: [{ name: 'tone', provide: () => 'cold' }] });
    expect(() => fromDefaults.build(spec, runContext)).toThrow(/provider 'tone' would overwrite/);
    expect(() => createPromptContextBuilder({ providers: [{ name: 'datetime', provide: () => 1 }] })).toThrow(
      /registered twice/,
    );
  });

  it('leaves run values out at boot so a lenient render shows them empty', () => {
    const builder = createPromptContextBuilder({ clock: fixedClock });
    const engine = createPromptTemplateEngine();
    expect(
      engine.renderLenient('[{{ tenant.id }}][{{ user.name }}][{{ agent.key }}]', builder.buildBoot(spec)),
    ).toBe('[][there][triage]');
  });
});
