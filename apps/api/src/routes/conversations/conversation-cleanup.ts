import { type MessageRecord, sessionItemsFromMessages } from '@starter/agent-runtime';
import { AppError, asId } from '@starter/contracts';
import type { CleanupStores } from './conversation-cleanup-transaction.js';
import type { ConversationRouteDeps } from './conversation-route-deps.js';

type CleanupDeps = Pick<ConversationRouteDeps, 'cleanup' | 'logger'>;
const PAGE = 100;

async function allMessages(tx: CleanupStores, tenantId: string, id: string): Promise<MessageRecord[]> {
  const messages: MessageRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await tx.store.messages({ tenantId }, id, { limit: PAGE, direction: 'asc', cursor });
    messages.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return messages;
}

/**
 * Deletes a user message and everything after it (spec §1.12, §13.3), in one transaction: the transcript
 * (the store validates 404/409 under the conversation lock), the ledger hides the removed turns, the SDK
 * session is rebuilt from what is left and cross-session summaries are dropped (they may cite removed
 * turns). Any failure leaves all of it as it was. Returns the deleted message's position.
 */
export async function truncateConversation(
  deps: CleanupDeps,
  tenantId: string,
  conversationId: string,
  messageId: string,
): Promise<number> {
  return deps.cleanup(async (tx) => {
    const position = await tx.store.truncateFromUserMessage({ tenantId }, conversationId, messageId);
    await tx.ledger.truncate({ tenantId }, conversationId, position);
    const session = tx.sessions.session({ tenantId: asId<'TenantId'>(tenantId), sessionId: conversationId });
    const items = sessionItemsFromMessages(await allMessages(tx, tenantId, conversationId));
    if (items.length === 0) await session.clearSession();
    else await session.replaceItems(items);
    await tx.summaries.clear(summaryScope(tenantId, conversationId));
    return position;
  });
}

/**
 * Clears a conversation in one transaction: the conversation row first (it locks the row; messages and run
 * events cascade), then ledger rows, SDK session and summaries. Spilled ledger objects cannot roll back,
 * so they go only after the commit; failing then leaves orphans under the conversation's prefix (logged),
 * never rows pointing at nothing.
 */
export async function clearConversation(deps: CleanupDeps, tenantId: string, conversationId: string) {
  const { existing, deleteObjects } = await deps.cleanup(async (tx) => {
    const found = await tx.store.get({ tenantId }, conversationId);
    if (found === null || !(await tx.store.delete({ tenantId }, conversationId))) {
      throw new AppError('NotFound', 'Conversation not found.');
    }
    const removeObjects = await tx.ledger.deleteConversation({ tenantId }, conversationId);
    await tx.sessions
      .session({ tenantId: asId<'TenantId'>(tenantId), sessionId: conversationId })
      .clearSession();
    await tx.summaries.clear(summaryScope(tenantId, conversationId));
    return { existing: found, deleteObjects: removeObjects };
  });
  try {
    await deleteObjects();
  } catch (error) {
    // The conversation is gone: a 500 would invite a retry that can only answer 404.
    deps.logger.warn({ err: error, conversationId }, 'conversation.ledger_objects_orphaned');
  }
  return existing;
}

function summaryScope(tenantId: string, conversationId: string) {
  return {
    tenantId: asId<'TenantId'>(tenantId),
    conversationId: asId<'ConversationId'>(conversationId),
  };
}
