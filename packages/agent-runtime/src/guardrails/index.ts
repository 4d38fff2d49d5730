// Public API of guardrails/: each module adds its exports here.
export * from './guardrail-config.js';
