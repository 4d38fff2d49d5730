import type { TenantId } from '@starter/contracts';
import type { AgentsDb } from '../../dependencies/agents.js';

/** Per-agent usage figures of one tenant, from its conversations. */
export interface AgentStats {
  totalConversations: number;
  lastUsedAt: Date | null;
}

/** Reads an agent's figures for a tenant; a caller without a tenant has none. */
export type AgentStatsSource = (tenantId: TenantId | null, agentKey: string) => Promise<AgentStats>;

const NO_STATS: AgentStats = { totalConversations: 0, lastUsedAt: null };

/**
 * Counts the tenant's conversations that started with the agent or were last answered by it (after a
 * handoff), and their newest activity. Same figures as `ConversationStore.agentStats`, read straight
 * from `agent_conversations` so the catalog needs no conversation store.
 */
export function conversationAgentStats(db: AgentsDb): AgentStatsSource {
  return async (tenantId, agentKey) => {
    if (tenantId === null) return NO_STATS;
    const row = await db
      .selectFrom('agent_conversations')
      .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.max('updated_at').as('last_used')])
      .where('tenant_id', '=', tenantId)
      .where((eb) => eb.or([eb('agent_entrypoint', '=', agentKey), eb('active_agent', '=', agentKey)]))
      .executeTakeFirst();
    if (row === undefined) return NO_STATS;
    const lastUsed = row.last_used === null ? null : new Date(row.last_used as Date | string);
    return { totalConversations: Number(row.total), lastUsedAt: lastUsed };
  };
}
