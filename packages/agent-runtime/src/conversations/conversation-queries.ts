import { AppError } from '@starter/contracts';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { AgentRuntimeTables } from '../migrations/agent-runtime-tables.js';
import { conversationColumns, tenantOf, toConversation } from './conversation-rows.js';
import type { ConversationRecord, TenantScope } from './conversation-store.js';

/** A Kysely handle or a transaction on the agent runtime tables. */
export type ConversationDb = Kysely<AgentRuntimeTables>;

const uuid = z.uuid();

/** True for a UUID: ids that are not one cannot exist, and must not reach a `uuid` comparison (500). */
export function isUuid(value: string): boolean {
  return uuid.safeParse(value).success;
}

/** The NotFound error of a conversation that is missing or belongs to another tenant. */
export function conversationNotFound(): AppError {
  return new AppError('NotFound', 'Conversation not found.');
}

/** Selects one conversation of the tenant (no lock). */
export async function findConversation(
  db: ConversationDb,
  scope: TenantScope,
  id: string,
): Promise<ConversationRecord | null> {
  if (!isUuid(id)) return null;
  const row = await db
    .selectFrom('agent_conversations')
    .select(conversationColumns)
    .where('tenant_id', '=', tenantOf(scope))
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? null : toConversation(row);
}

/**
 * Locks the conversation row for the rest of the transaction (serialising appends, truncations and
 * memory patches of one conversation); NotFound when it is missing or another tenant's.
 */
export async function lockConversation(
  trx: ConversationDb,
  scope: TenantScope,
  id: string,
): Promise<ConversationRecord> {
  if (!isUuid(id)) throw conversationNotFound();
  const row = await trx
    .selectFrom('agent_conversations')
    .select(conversationColumns)
    .where('tenant_id', '=', tenantOf(scope))
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (row === undefined) throw conversationNotFound();
  return toConversation(row);
}

/** `timestamptz::text` of `updated_at`: the exact keyset value (see conversation-cursors.ts). */
export const updatedKey = sql<string>`agent_conversations.updated_at::text`.as('updated_key');

/** `(updated_at, id) < (t, id)`: rows after a list/search cursor in descending order. */
export function afterUpdatedKey(key: { t: string; id: string }) {
  return sql<boolean>`(agent_conversations.updated_at, agent_conversations.id) < (${key.t}::timestamptz, ${key.id}::uuid)`;
}
