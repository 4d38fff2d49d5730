export type {
  AgentStreamEvent,
  NormalizedRunItem,
  RawResponseEvent,
  RunItemKind,
  StreamErrorSource,
} from './agent-stream-event.js';
export { normalizeAgentStreamEvent, normalizeRunError } from './normalize-agent-stream-event.js';
export type { FinishContext } from './project-final.js';
export { type FinishContextFactory, projectSdkStream } from './project-sdk-stream.js';
export { createEventCounter, type EventCounter } from './projector-state.js';
export {
  createPublicStreamProjector,
  type PublicStreamProjector,
  type PublicStreamProjectorOptions,
} from './public-stream-projector.js';
export { type SanitizedArguments, sanitizeArguments } from './sanitize-arguments.js';
export { chunkString, type Sanitized, sanitizeJson } from './sanitize-payload.js';
export { compareWithFixture, type SkeletonEntry, streamSkeleton } from './stream-skeleton.js';
