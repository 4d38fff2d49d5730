import { type MessageRecord, sessionItemsFromMessages } from '@starter/agent-runtime';
import { AppError, asId } from '@starter/contracts';
import type { ConversationRouteDeps } from './conversation-route-deps.js';

type CleanupDeps = Pick<ConversationRouteDeps, 'store' | 'ledger' | 'sessions' | 'summaries'>;
const PAGE = 100;

async function allMessages(deps: CleanupDeps, tenantId: string, id: string): Promise<MessageRecord[]> {
  const messages: MessageRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.messages({ tenantId }, id, { limit: PAGE, direction: 'asc', cursor });
    messages.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return messages;
}

/**
 * Deletes a user message and everything after it (spec §1.12, §13.3): the transcript first (the store
 * validates 404/409 and deletes in one transaction), then the ledger hides the removed turns, the SDK
 * session is rebuilt from what is left and cross-session summaries are dropped (they may cite removed
 * turns). Returns the deleted message's position.
 */
export async function truncateConversation(
  deps: CleanupDeps,
  tenantId: string,
  conversationId: string,
  messageId: string,
): Promise<number> {
  const position = await deps.store.truncateFromUserMessage({ tenantId }, conversationId, messageId);
  await deps.ledger.truncate({ tenantId }, conversationId, position);
  const session = deps.sessions.session({ tenantId: asId<'TenantId'>(tenantId), sessionId: conversationId });
  const items = sessionItemsFromMessages(await allMessages(deps, tenantId, conversationId));
  if (items.length === 0) await session.clearSession();
  else await session.replaceItems(items);
  await deps.summaries.clear(summaryScope(tenantId, conversationId));
  return position;
}

/**
 * Clears a conversation: ledger, SDK session and summaries first, the conversation row (with its messages
 * and run events) last, so a failure part-way leaves a conversation a retry can still find and finish.
 */
export async function clearConversation(deps: CleanupDeps, tenantId: string, conversationId: string) {
  const existing = await deps.store.get({ tenantId }, conversationId);
  if (existing === null) throw new AppError('NotFound', 'Conversation not found.');
  await deps.ledger.deleteConversation({ tenantId }, conversationId);
  await deps.sessions
    .session({ tenantId: asId<'TenantId'>(tenantId), sessionId: conversationId })
    .clearSession();
  await deps.summaries.clear(summaryScope(tenantId, conversationId));
  await deps.store.delete({ tenantId }, conversationId);
  return existing;
}

function summaryScope(tenantId: string, conversationId: string) {
  return {
    tenantId: asId<'TenantId'>(tenantId),
    conversationId: asId<'ConversationId'>(conversationId),
  };
}
