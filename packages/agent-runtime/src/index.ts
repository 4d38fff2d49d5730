// Public API: each area adds its barrel here.
export * from './agents/index.js';
export * from './conversations/index.js';
export * from './guardrails/index.js';
export * from './ledger/index.js';
export * from './mcp/index.js';
export * from './memory/index.js';
export * from './models/index.js';
export * from './runs/index.js';
export * from './runtime/index.js';
export * from './specs/index.js';
export * from './streaming/index.js';
export * from './tools/index.js';
export * from './usage/index.js';
