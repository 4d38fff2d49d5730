import type { PublicSseEvent } from '@starter/contracts';

/** Where a frame belongs: one conversation, one stream, optionally one workflow run. */
export interface LedgerFrameContext {
  readonly tenantId: string;
  readonly conversationId: string;
  /** Position of the user message whose turn produced the stream (truncation hides later turns). */
  readonly messagePosition: number | null;
  readonly runId?: string | null | undefined;
}

/** A persisted frame as replay returns it: the frame plus its ledger row id (the cursor anchor). */
export interface LedgerEntry {
  readonly rowId: number;
  readonly frame: PublicSseEvent;
}

/**
 * The durable ledger of public frames (spec §2.7, `conversation_ledger_events` + `_segments`). Frames
 * whose JSON exceeds 1 MiB are gzipped (deterministically) into object storage with their sha256 and
 * decoded transparently on read.
 */
export interface LedgerStore {
  /**
   * Appends one frame; resolves once it is durable. Concurrent appends may be batched into one insert.
   * `json`, when the caller already holds it, must be `JSON.stringify(frame)`: it is stored as is, so a
   * frame that is also published is serialized once.
   */
  append(context: LedgerFrameContext, frame: PublicSseEvent, json?: string): Promise<void>;
  /** Frames of one stream after `afterEventId` (exclusive), in event order: resume after Last-Event-ID. */
  streamFrames(
    scope: { tenantId: string },
    streamId: string,
    afterEventId: number,
  ): Promise<readonly PublicSseEvent[]>;
  /** Visible frames of a conversation (truncated turns hidden), keyset-paged by row id. */
  conversationFrames(
    scope: { tenantId: string },
    conversationId: string,
    query: { limit: number; cursor?: string | undefined; workflowRunId?: string | undefined },
  ): Promise<{ items: readonly LedgerEntry[]; nextCursor: string | null }>;
  /** Hides the frames of every turn from `messagePosition` on (a user message was deleted). */
  truncate(scope: { tenantId: string }, conversationId: string, messagePosition: number): Promise<void>;
  /** Deletes a conversation's ledger (and spilled objects). */
  deleteConversation(scope: { tenantId: string }, conversationId: string): Promise<void>;
}
