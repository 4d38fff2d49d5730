import type { RunToolApprovalItem } from '@openai/agents';

/** A tool call waiting for a human decision (§14 tool approval). */
export interface PendingApproval {
  readonly toolCallId: string;
  readonly toolName: string;
  /** The call's arguments as the model sent them (JSON text), when the tool has arguments. */
  readonly arguments: string | null;
  /** The SDK agent that asked for the call. */
  readonly agentName: string;
}

/** A decision on one pending approval, as `POST …/approvals` carries it. */
export interface RunApprovalDecision {
  readonly toolCallId: string;
  readonly approve: boolean;
  readonly reason?: string | undefined;
}

/** The id the stream and the approvals API use for a tool call awaiting approval. */
export function approvalCallId(item: RunToolApprovalItem): string {
  const raw = item.rawItem as { callId?: string; id?: string };
  return raw.callId ?? raw.id ?? '';
}

/** Describes the SDK's interruptions as {@link PendingApproval}s. */
export function pendingApprovalsOf(items: readonly RunToolApprovalItem[]): PendingApproval[] {
  return items.map((item) => ({
    toolCallId: approvalCallId(item),
    toolName: item.name ?? item.toolName ?? 'unknown',
    arguments: item.arguments ?? null,
    agentName: item.agent.name,
  }));
}
