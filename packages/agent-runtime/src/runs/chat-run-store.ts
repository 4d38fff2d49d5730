import type { ChatRunStatus } from '../migrations/chat-run-tables.js';
import type { PendingApproval } from '../runtime/pending-approvals.js';

/** Every call is scoped by the caller's tenant: a run of another tenant is simply not found. */
export interface ChatRunScope {
  readonly tenantId: string;
}

/** One chat run as the registry keeps it. */
export interface ChatRunRecord {
  readonly runId: string;
  readonly tenantId: string;
  readonly userId: string | null;
  readonly conversationId: string;
  readonly agentKey: string;
  readonly streamId: string;
  readonly status: ChatRunStatus;
  readonly messagePosition: number | null;
  readonly requestMessage: string;
  /** Serialized SDK run state; only while `interrupted`. */
  readonly state: string | null;
  readonly pendingApprovals: readonly PendingApproval[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly finishedAt: Date | null;
}

/** A new run, registered `running` before its first frame is produced. */
export interface NewChatRun {
  readonly runId: string;
  readonly tenantId: string;
  readonly userId: string | null;
  readonly conversationId: string;
  readonly agentKey: string;
  readonly streamId: string;
  readonly messagePosition: number | null;
  readonly requestMessage: string;
}

/** How a drive of the run ended; `interrupted` carries the state that resumes it. */
export interface ChatRunFinish {
  readonly status: Exclude<ChatRunStatus, 'running'>;
  readonly agentKey?: string | undefined;
  readonly state?: string | null | undefined;
  readonly pendingApprovals?: readonly PendingApproval[] | undefined;
}

/**
 * The chat run registry (`chat_runs`): which stream carries a run, whether it still runs, and the state
 * of a run paused on tool approvals, so any replica can follow, cancel or resume it.
 */
export interface ChatRunStore {
  create(run: NewChatRun): Promise<ChatRunRecord>;
  get(scope: ChatRunScope, runId: string): Promise<ChatRunRecord | null>;
  /**
   * Claims an `interrupted` run for resumption on a new stream (compare-and-set to `running`, state
   * cleared). Returns the run as it was before the claim, or null when it is missing or not interrupted,
   * so two replicas can never resume the same pause twice.
   */
  claimResume(scope: ChatRunScope, runId: string, streamId: string): Promise<ChatRunRecord | null>;
  /** Records how the run ended (only a `running` run changes); false when it was not running. */
  markFinished(scope: ChatRunScope, runId: string, finish: ChatRunFinish): Promise<boolean>;
}
