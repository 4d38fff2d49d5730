/** Who a conversation search runs for: always the verified caller, never model arguments. */
export interface ConversationSearchScope {
  readonly tenantId: string;
  readonly userId: string | null;
}

/** One conversation that matched a search. */
export interface ConversationSearchHit {
  readonly id: string;
  readonly preview: string;
}

/** Searches the conversations of one tenant (backs the `search_conversations` tool). */
export interface ConversationSearchPort {
  search(
    scope: ConversationSearchScope,
    query: string,
    options: { readonly limit: number },
  ): Promise<{ readonly total: number; readonly hits: readonly ConversationSearchHit[] }>;
}

/** A tenant vector store as file_search needs it: its OpenAI id. */
export interface VectorStoreRef {
  readonly openAiId: string;
}

/** Tenant vector stores and agent bindings, read when file_search is built (§6.4). */
export interface VectorStorePort {
  /** The tenant's store with this DB id or OpenAI id; null when it does not exist or belongs to another tenant. */
  resolveTenantStore(tenantId: string, idOrOpenAiId: string): Promise<VectorStoreRef | null>;
  /** OpenAI ids bound to the agent for the tenant; null when there is no binding. */
  agentBinding(tenantId: string, agentKey: string): Promise<readonly string[] | null>;
  findByName(tenantId: string, name: string): Promise<VectorStoreRef | null>;
  /** Returns the tenant's store with this name, creating it when missing. */
  ensureStore(tenantId: string, name: string): Promise<VectorStoreRef>;
}

/** Tenant container bindings, read when code_interpreter is built (§6.2). */
export interface ContainerPort {
  /** OpenAI container id bound to the agent for the tenant; null when there is none. */
  agentBinding(tenantId: string, agentKey: string): Promise<string | null>;
}
