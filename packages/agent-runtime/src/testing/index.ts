// Test helpers: each area adds its barrel here.
export * from './openai-server/index.js';
