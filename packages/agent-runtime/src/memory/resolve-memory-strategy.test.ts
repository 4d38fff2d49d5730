import { describe, expect, it } from 'vitest';
import { memoryStrategyConfigSchema } from './memory-strategy-config.js';
import { resolveMemoryInjection, resolveMemoryStrategy } from './resolve-memory-strategy.js';

describe('resolveMemoryStrategy', () => {
  it('is mode none with the §3.4 defaults when no layer states anything', () => {
    const strategy = resolveMemoryStrategy({});
    expect(strategy).toMatchObject({
      mode: 'none',
      maxUserTurns: null,
      contextWindowTokens: 400_000,
      // Neither budget nor share: 20 % of 400 000 must remain, so act above 320 000.
      tokenBudget: 320_000,
      tokenSoftBudget: null,
      summarizerModel: 'gpt-5.1',
      summaryMaxChars: 4000,
      compactKeep: 2,
      compactClearToolInputs: false,
    });
  });

  it('takes each field from the highest layer that states it: request > conversation > agent', () => {
    const strategy = resolveMemoryStrategy({
      agent: { mode: 'compact', maxUserTurns: 10, keepLastUserTurns: 2, tokenBudget: 32_000 },
      conversation: { mode: 'trim', maxUserTurns: 6 },
      request: { maxUserTurns: 4 },
    });
    expect(strategy).toMatchObject({
      mode: 'trim',
      maxUserTurns: 4,
      keepLastUserTurns: 2,
      tokenBudget: 32_000,
    });
    expect(resolveMemoryStrategy({ agent: { mode: 'summarize' }, request: { mode: 'none' } }).mode).toBe(
      'none',
    );
  });

  it('derives budgets from remaining shares of the context window; an explicit budget wins', () => {
    expect(
      resolveMemoryStrategy({ request: { tokenRemainingPct: 0.5, contextWindowTokens: 1000 } }),
    ).toMatchObject({
      tokenBudget: 500,
      tokenSoftBudget: null,
    });
    expect(
      resolveMemoryStrategy({
        request: {
          tokenRemainingPct: 0.5,
          tokenBudget: 42,
          tokenSoftRemainingPct: 0.75,
          contextWindowTokens: 1000,
        },
      }),
    ).toMatchObject({ tokenBudget: 42, tokenSoftBudget: 250 });
    expect(resolveMemoryStrategy({ agent: { tokenSoftBudget: 7 } }).tokenSoftBudget).toBe(7);
  });

  it('falls back from compact knobs to the turn knobs, and lower-cases tool lists', () => {
    const strategy = resolveMemoryStrategy({
      agent: { mode: 'compact', maxUserTurns: 10, keepLastUserTurns: 3, compactExcludeTools: ['Web_Search'] },
    });
    expect(strategy).toMatchObject({
      compactTriggerTurns: 10,
      compactKeep: 3,
      compactExcludeTools: ['web_search'],
    });
    expect(
      resolveMemoryStrategy({
        request: { compactTriggerTurns: 5, compactKeep: 1 },
        agent: { maxUserTurns: 10 },
      }),
    ).toMatchObject({ compactTriggerTurns: 5, compactKeep: 1 });
  });

  it('keeps as many turns as the trigger allows when keepLastUserTurns is unset', () => {
    expect(resolveMemoryStrategy({ agent: { mode: 'trim', maxUserTurns: 8 } }).keepLastUserTurns).toBe(8);
    expect(resolveMemoryStrategy({ agent: { mode: 'trim' } }).keepLastUserTurns).toBe(2);
  });

  it('accepts the §1.11 request fields and rejects unknown ones', () => {
    const parsed = memoryStrategyConfigSchema.parse({
      mode: 'compact',
      tokenSoftBudget: 10,
      tokenSoftRemainingPct: 0.3,
      compactTriggerTurns: 4,
      compactKeep: 0,
      compactClearToolInputs: true,
      compactExcludeTools: ['a'],
      compactIncludeTools: ['b'],
      summaryMaxTokens: 200,
    });
    expect(parsed.compactKeep).toBe(0);
    expect(memoryStrategyConfigSchema.safeParse({ mode: 'trim', keep_last: 1 }).success).toBe(false);
    expect(memoryStrategyConfigSchema.safeParse({ tokenRemainingPct: 1 }).success).toBe(false);
  });
});

describe('resolveMemoryInjection', () => {
  it('is request > conversation > agent > false', () => {
    expect(resolveMemoryInjection({})).toBe(false);
    expect(resolveMemoryInjection({ agent: true })).toBe(true);
    expect(resolveMemoryInjection({ agent: true, conversation: false })).toBe(false);
    expect(resolveMemoryInjection({ agent: false, conversation: null, request: true })).toBe(true);
    expect(resolveMemoryInjection({ conversation: true, request: null })).toBe(true);
  });
});
