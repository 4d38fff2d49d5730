/** One model's list price in USD per 1M tokens (reasoning tokens are billed as output). */
export interface ModelPrice {
  readonly input: number;
  readonly cachedInput: number;
  readonly output: number;
  readonly currency: 'USD';
}

/** A model's price as the ledger snapshots it; `priced: false` for a model the table does not know. */
export interface ResolvedModelPrice extends ModelPrice {
  readonly priced: boolean;
}

/** Looks up the price of a model name as the agent asked for it. */
export interface ModelPriceTable {
  priceOf(model: string): ResolvedModelPrice;
}

const usd = (input: number, cachedInput: number, output: number): ModelPrice => ({
  input,
  cachedInput,
  output,
  currency: 'USD',
});

/**
 * Published OpenAI list prices (standard tier, USD per 1M tokens) at the time of writing. They are
 * defaults, not truth: pass overrides to `createModelPriceTable` (negotiated rates, new models). Rows
 * already recorded keep the price they were recorded with.
 */
export const DEFAULT_MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-5.1': usd(1.25, 0.125, 10),
  'gpt-5': usd(1.25, 0.125, 10),
  'gpt-5-mini': usd(0.25, 0.025, 2),
  'gpt-4.1': usd(2, 0.5, 8),
  'gpt-4.1-mini': usd(0.4, 0.1, 1.6),
  'gpt-4o': usd(2.5, 1.25, 10),
  'gpt-4o-mini': usd(0.15, 0.075, 0.6),
  'o4-mini': usd(1.1, 0.275, 4.4),
  // The offline demo model: free, but priced, so its rows are not flagged as unknown.
  'starter-demo': usd(0, 0, 0),
};

const UNPRICED: ResolvedModelPrice = { ...usd(0, 0, 0), priced: false };
// Dated snapshots (`gpt-4o-2024-08-06`) bill at their alias's price.
const DATED_SUFFIX = /-\d{4}-\d{2}-\d{2}$/;

function assertPrice(model: string, price: ModelPrice): void {
  for (const value of [price.input, price.cachedInput, price.output])
    if (!Number.isFinite(value) || value < 0 || value > 1e6)
      throw new Error(`model price for "${model}" must be a finite USD amount in [0, 1e6]`);
}

/** The default prices with `overrides` on top; validated when created, unknown models priced at 0. */
export function createModelPriceTable(overrides: Readonly<Record<string, ModelPrice>> = {}): ModelPriceTable {
  const prices = new Map(Object.entries({ ...DEFAULT_MODEL_PRICES, ...overrides }));
  for (const [model, price] of prices) assertPrice(model, price);
  return {
    priceOf(model) {
      const price = prices.get(model) ?? prices.get(model.replace(DATED_SUFFIX, ''));
      return price === undefined ? UNPRICED : { ...price, priced: true };
    },
  };
}
