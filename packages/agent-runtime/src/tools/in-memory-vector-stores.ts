import type { VectorStorePort, VectorStoreRef } from './tool-ports.js';

/** One tenant vector store known to the in-memory port. */
export interface InMemoryVectorStore {
  readonly id: string;
  readonly openAiId: string;
  readonly tenantId: string;
  readonly name: string;
}

/** Seed data of the in-memory vector store port. */
export interface InMemoryVectorStoresOptions {
  readonly stores?: readonly InMemoryVectorStore[] | undefined;
  readonly bindings?:
    | readonly {
        readonly tenantId: string;
        readonly agentKey: string;
        readonly openAiIds: readonly string[];
      }[]
    | undefined;
}

/** The in-memory port plus a view of its stores, for assertions. */
export interface InMemoryVectorStores extends VectorStorePort {
  list(tenantId: string): InMemoryVectorStore[];
}

/** A `VectorStorePort` kept in memory; `ensureStore` creates stores with ids `vs_local_<n>`. */
export function createInMemoryVectorStores(options: InMemoryVectorStoresOptions = {}): InMemoryVectorStores {
  const stores: InMemoryVectorStore[] = [...(options.stores ?? [])];
  const bindings = [...(options.bindings ?? [])];
  const ref = (store: InMemoryVectorStore | undefined): VectorStoreRef | null =>
    store === undefined ? null : { openAiId: store.openAiId };
  return {
    list: (tenantId) => stores.filter((store) => store.tenantId === tenantId),
    resolveTenantStore: async (tenantId, idOrOpenAiId) =>
      ref(
        stores.find(
          (store) =>
            store.tenantId === tenantId && (store.id === idOrOpenAiId || store.openAiId === idOrOpenAiId),
        ),
      ),
    agentBinding: async (tenantId, agentKey) =>
      bindings.find((binding) => binding.tenantId === tenantId && binding.agentKey === agentKey)?.openAiIds ??
      null,
    findByName: async (tenantId, name) =>
      ref(stores.find((store) => store.tenantId === tenantId && store.name === name)),
    ensureStore: async (tenantId, name) => {
      const existing = stores.find((store) => store.tenantId === tenantId && store.name === name);
      if (existing !== undefined) return { openAiId: existing.openAiId };
      const n = stores.length + 1;
      const created: InMemoryVectorStore = { id: `store-${n}`, openAiId: `vs_local_${n}`, tenantId, name };
      stores.push(created);
      return { openAiId: created.openAiId };
    },
  };
}
