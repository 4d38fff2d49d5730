export type {
  AgentStreamEvent,
  NormalizedRunItem,
  RawResponseEvent,
  RunItemKind,
  StreamErrorSource,
} from './agent-stream-event.js';
export type {
  CollectedArtifact,
  CollectedContainerFile,
  CollectedImage,
} from './collected-artifacts.js';
export { normalizeAgentStreamEvent } from './normalize-agent-stream-event.js';
export {
  type ApprovalDecision,
  type ResumedApproval,
  resumedApprovalOf,
} from './project-approvals.js';
export { AWAITING_APPROVAL_REASON, type FinishContext } from './project-final.js';
export { type FinishContextFactory, projectSdkStream } from './project-sdk-stream.js';
export {
  createEventCounter,
  defaultTimestamp,
  type EventCounter,
  type ToolFailureCheck,
  type ToolFailureSubject,
} from './projector-state.js';
export {
  createPublicStreamProjector,
  type PublicStreamProjector,
  type PublicStreamProjectorOptions,
} from './public-stream-projector.js';
export { isAbortError, normalizeRunError } from './run-errors.js';
export { type SanitizedArguments, sanitizeArguments } from './sanitize-arguments.js';
export { chunkString, type Sanitized, sanitizeJson } from './sanitize-payload.js';
export { compareWithFixture, type SkeletonEntry, streamSkeleton } from './stream-skeleton.js';
export { isSdkToolFailure, SDK_TOOL_ERROR_OUTPUT } from './tool-failure.js';
