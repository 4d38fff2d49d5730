// Public API of usage/: metering, the cost ledger and its price table.
export * from './kysely-usage-store.js';
export * from './model-prices.js';
export { formatMicros, responseCostMicros } from './usage-cost.js';
export type * from './usage-store.js';
