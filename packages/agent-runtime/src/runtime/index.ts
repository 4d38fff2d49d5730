// Public API of runtime/: each module adds its exports here.

export type { AgentResumeRequest, AgentRunRequest, ToolApprovalDecision } from './agent-run-request.js';
export type { AgentRuntimeOptions } from './agent-runtime-options.js';
export { type AsyncQueue, createAsyncQueue } from './async-queue.js';
export { type AgentRuntime, createAgentRuntime } from './create-agent-runtime.js';
export type { PersistFrames } from './frame-queue.js';
export {
  createMeteredModelProvider,
  type ModelUsageListener,
  type ModelUsageReport,
} from './model-usage.js';
export {
  approvalCallId,
  type PendingApproval,
  pendingApprovalsOf,
  type RunApprovalDecision,
} from './pending-approvals.js';
export type { AgentRunContext, UserLocation } from './run-context.js';
export type { AgentRunStatus, RuntimeEvent, RuntimeEventSink } from './run-events.js';
export { describeRunItems, type RunItemRecord } from './run-items.js';
export { STANDALONE_TENANT_ID } from './run-memory.js';
export {
  type AgentRunOutcome,
  type AgentRunStream,
  type AgentToolStreamEvent,
  type NestedStreamRelay,
  type StreamAgentRunOptions,
  streamAgentRun,
  type TerminalExtras,
} from './stream-agent-run.js';
export { createUsageTotals, type UsageTotals } from './usage-totals.js';
