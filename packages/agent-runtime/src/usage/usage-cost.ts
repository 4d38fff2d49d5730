import type { ModelUsageReport } from '../runtime/model-usage.js';
import type { ModelPrice } from './model-prices.js';

const MICROS_PER_USD = 1_000_000n;

/** A USD amount as whole micro-dollars (6 decimals is what the price table and the API carry). */
function toMicros(usd: number): bigint {
  return BigInt(Math.round(usd * 1_000_000));
}

/**
 * The cost of one response in micro-USD: uncached input, cached input and output (reasoning included)
 * at their per-1M-token prices. Integer arithmetic, rounded half up once, so sums never drift.
 */
export function responseCostMicros(usage: ModelUsageReport, price: ModelPrice): number {
  const cached = BigInt(Math.min(usage.cachedTokens, usage.inputTokens));
  const uncached = BigInt(usage.inputTokens) - cached;
  // tokens × (micro-USD per 1M tokens) is micro-USD × 1e6.
  const scaled =
    uncached * toMicros(price.input) +
    cached * toMicros(price.cachedInput) +
    BigInt(usage.outputTokens) * toMicros(price.output);
  return Number((scaled + MICROS_PER_USD / 2n) / MICROS_PER_USD);
}

/** Micro-USD as a decimal string with 6 places (`1234567` → `"1.234567"`). */
export function formatMicros(micros: number): string {
  const big = BigInt(micros);
  const whole = big / MICROS_PER_USD;
  const fraction = (big % MICROS_PER_USD).toString().padStart(6, '0');
  return `${whole}.${fraction}`;
}
