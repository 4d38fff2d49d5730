import { describe, expect, it } from 'vitest';
import { findHandoffTrigger, findToolTrigger, parseJsonObjectAfter, readDemoFlags } from './demo-triggers.js';

describe('readDemoFlags', () => {
  it('reads each switch case-insensitively', () => {
    expect(readDemoFlags('Demo: Reason then demo:refuse')).toEqual({
      error: false,
      refuse: true,
      reason: true,
    });
    expect(readDemoFlags('demo: error')).toEqual({ error: true, refuse: false, reason: false });
    expect(readDemoFlags('a demo of errors')).toEqual({ error: false, refuse: false, reason: false });
  });
});

describe('findToolTrigger', () => {
  const tools = ['get_current_time', 'get_current', 'search_conversations'];

  it('matches the longest offered name and its JSON arguments', () => {
    expect(findToolTrigger('Use Tool get_current_time {"timezone":"UTC"}', tools)).toEqual({
      kind: 'known',
      name: 'get_current_time',
      arguments: { timezone: 'UTC' },
    });
    expect(findToolTrigger('call search_conversations.', tools)).toEqual({
      kind: 'known',
      name: 'search_conversations',
      arguments: undefined,
    });
  });

  it('reports unknown names for "use tool" but ignores everyday uses of "call"', () => {
    expect(findToolTrigger('use tool launch_rocket!', tools)).toEqual({
      kind: 'unknown',
      requested: 'launch_rocket',
    });
    expect(findToolTrigger('call me tomorrow', tools)).toBeUndefined();
    expect(findToolTrigger('use tool get_current_timezone', tools)).toEqual({
      kind: 'unknown',
      requested: 'get_current_timezone',
    });
  });
});

describe('findHandoffTrigger', () => {
  const handoffs = ['transfer_to_Code_Assistant', 'transfer_to_Researcher'];

  it('matches agent names written with spaces, underscores or the full tool name', () => {
    expect(findHandoffTrigger('hand off to Code Assistant please', handoffs)).toEqual({
      kind: 'known',
      toolName: 'transfer_to_Code_Assistant',
    });
    expect(findHandoffTrigger('handoff to code_assistant', handoffs)?.kind).toBe('known');
    expect(findHandoffTrigger('transfer to transfer_to_researcher', handoffs)).toEqual({
      kind: 'known',
      toolName: 'transfer_to_Researcher',
    });
  });

  it('reports a requested agent that is not offered', () => {
    expect(findHandoffTrigger('handoff to billing.', handoffs)).toEqual({
      kind: 'unknown',
      requested: 'billing',
    });
    expect(findHandoffTrigger('no handoff here', handoffs)).toBeUndefined();
  });
});

describe('parseJsonObjectAfter', () => {
  it('finds a balanced object even with braces inside strings', () => {
    expect(parseJsonObjectAfter(' with {"q":"a } b","n":{"x":1}} trailing }')).toEqual({
      q: 'a } b',
      n: { x: 1 },
    });
  });

  it('returns undefined for missing or malformed objects', () => {
    expect(parseJsonObjectAfter('no json')).toBeUndefined();
    expect(parseJsonObjectAfter('{"unterminated": 1')).toBeUndefined();
    expect(parseJsonObjectAfter('{not json}')).toBeUndefined();
  });
});
