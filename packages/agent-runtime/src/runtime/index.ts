// Public API of runtime/: each module adds its exports here.
export type { AgentRunContext, UserLocation } from './run-context.js';
