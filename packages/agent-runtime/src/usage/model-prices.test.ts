import { describe, expect, it } from 'vitest';
import type { ModelUsageReport } from '../runtime/model-usage.js';
import { createModelPriceTable, DEFAULT_MODEL_PRICES } from './model-prices.js';
import { formatMicros, responseCostMicros } from './usage-cost.js';

const usage = (tokens: Partial<ModelUsageReport>): ModelUsageReport => ({
  runId: 'run',
  model: 'gpt-5',
  responseId: null,
  requests: 1,
  inputTokens: 0,
  outputTokens: 0,
  cachedTokens: 0,
  reasoningTokens: 0,
  ...tokens,
});

describe('model price table', () => {
  it('prices every listed model, the demo model at 0, dated snapshots at their alias', () => {
    const table = createModelPriceTable();
    for (const model of Object.keys(DEFAULT_MODEL_PRICES)) expect(table.priceOf(model).priced).toBe(true);
    expect(table.priceOf('starter-demo')).toMatchObject({ input: 0, output: 0, priced: true });
    expect(table.priceOf('gpt-4o-2024-08-06')).toEqual({ ...DEFAULT_MODEL_PRICES['gpt-4o'], priced: true });
  });

  it('prices an unknown model at 0 and flags it instead of failing', () => {
    expect(createModelPriceTable().priceOf('mystery-model')).toEqual({
      input: 0,
      cachedInput: 0,
      output: 0,
      currency: 'USD',
      priced: false,
    });
  });

  it('applies overrides and rejects a nonsensical price when created', () => {
    const table = createModelPriceTable({
      'gpt-5': { input: 1, cachedInput: 0.1, output: 2, currency: 'USD' },
    });
    expect(table.priceOf('gpt-5')).toMatchObject({ input: 1, output: 2 });
    expect(() =>
      createModelPriceTable({ bad: { input: -1, cachedInput: 0, output: 0, currency: 'USD' } }),
    ).toThrow(/bad/);
  });
});

describe('responseCostMicros', () => {
  it('bills uncached input, cached input and output (reasoning inside output) at their prices', () => {
    const price = DEFAULT_MODEL_PRICES['gpt-5'];
    if (price === undefined) throw new Error('gpt-5 price missing');
    // 900 × 1.25 + 100 × 0.125 + 500 × 10 = 1125 + 12.5 + 5000 → 6137.5 micro-USD, rounded half up.
    const cost = responseCostMicros(
      usage({ inputTokens: 1000, cachedTokens: 100, outputTokens: 500, reasoningTokens: 400 }),
      price,
    );
    expect(cost).toBe(6138);
    expect(formatMicros(cost)).toBe('0.006138');
  });

  it('never bills more cached tokens than input tokens', () => {
    const price = { input: 2, cachedInput: 1, output: 0, currency: 'USD' } as const;
    expect(responseCostMicros(usage({ inputTokens: 10, cachedTokens: 50 }), price)).toBe(10);
  });

  it('formats micro-dollars with six decimals', () => {
    expect(formatMicros(0)).toBe('0.000000');
    expect(formatMicros(1_234_567)).toBe('1.234567');
  });
});
