export * from './bounded-json.js';
export * from './chunk-events.js';
export * from './citation.js';
export type { EventScope, StreamNotice, WorkflowContext } from './envelope.js';
export {
  EventScopeSchema,
  PUBLIC_SSE_SCHEMA,
  StreamNoticeSchema,
  WorkflowContextSchema,
} from './envelope.js';
export * from './final-payload.js';
export * from './final-status.js';
export * from './limits.js';
export * from './output-events.js';
export * from './public-sse-event.js';
export * from './run-events.js';
export * from './sse-frame.js';
export * from './stream-invariants.js';
export * from './terminal-events.js';
export * from './tool-events.js';
export * from './tool-state.js';
