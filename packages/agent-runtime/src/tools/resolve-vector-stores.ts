import { AppError } from '@starter/contracts';
import type { AgentRunContext } from '../runtime/run-context.js';
import type { VectorStorePort } from './tool-ports.js';
import type { ToolBuildSpec } from './tool-registry-entry.js';
import type { ToolRegistrySettings } from './tool-settings.js';

/** The store every tenant searches by default (§6.4). */
export const PRIMARY_VECTOR_STORE_NAME = 'primary';

/** The OpenAI vector store ids a file_search tool searches, and where they came from. */
export interface ResolvedVectorStores {
  readonly vectorStoreIds: string[];
  readonly source: 'request_override' | 'tenant_binding' | 'static' | 'required' | 'tenant_default';
}

/** What vector store resolution reads besides the spec and the run context. */
export interface ResolveVectorStoresDeps {
  readonly vectorStores?: VectorStorePort | undefined;
  readonly settings: Pick<ToolRegistrySettings, 'autoCreateVectorStoreForFileSearch'>;
}

/**
 * Resolves file_search stores for one agent in one request (§6.4): request override (must belong to the
 * tenant) > tenant agent binding > `static` spec ids > `required` primary store > `tenant_default`
 * primary store (auto-created when allowed). Nothing resolved is an error for that agent.
 */
export async function resolveVectorStores(
  spec: ToolBuildSpec,
  context: AgentRunContext,
  deps: ResolveVectorStoresDeps,
): Promise<ResolvedVectorStores> {
  const { tenantId } = context;
  const port = deps.vectorStores;
  const overrides = context.vectorStoreOverrides?.[spec.key];
  if (overrides !== undefined && overrides.length > 0) {
    if (tenantId === null || port === undefined) {
      throw unresolved(spec, 'Vector store overrides need a tenant context.');
    }
    const ids = await Promise.all(
      overrides.map(async (id) => {
        const store = await port.resolveTenantStore(tenantId, id);
        // Not found and another tenant's store look the same, so ids of other tenants are not confirmed.
        if (store === null) {
          throw new AppError('NotFound', `Vector store "${id}" was not found for this tenant.`, {
            details: { agent: spec.key, vector_store_id: id },
          });
        }
        return store.openAiId;
      }),
    );
    return { vectorStoreIds: unique(ids), source: 'request_override' };
  }

  if (tenantId !== null && port !== undefined) {
    const bound = await port.agentBinding(tenantId, spec.key);
    if (bound !== null && bound.length > 0)
      return { vectorStoreIds: unique(bound), source: 'tenant_binding' };
  }

  const binding = spec.vectorStoreBinding ?? 'tenant_default';
  if (binding === 'static') {
    const ids = spec.vectorStoreIds ?? [];
    if (ids.length === 0)
      throw unresolved(spec, 'The static vector store binding lists no vector_store_ids.');
    return { vectorStoreIds: unique(ids), source: 'static' };
  }

  if (tenantId === null || port === undefined) {
    throw unresolved(spec, 'File search needs a tenant vector store, but this run has no tenant context.');
  }
  if (binding === 'required') {
    const primary = await port.findByName(tenantId, PRIMARY_VECTOR_STORE_NAME);
    if (primary === null) {
      throw unresolved(
        spec,
        `The tenant has no "${PRIMARY_VECTOR_STORE_NAME}" vector store, which this agent requires.`,
      );
    }
    return { vectorStoreIds: [primary.openAiId], source: 'required' };
  }
  const primary = deps.settings.autoCreateVectorStoreForFileSearch
    ? await port.ensureStore(tenantId, PRIMARY_VECTOR_STORE_NAME)
    : await port.findByName(tenantId, PRIMARY_VECTOR_STORE_NAME);
  if (primary === null) {
    throw unresolved(
      spec,
      `The tenant has no "${PRIMARY_VECTOR_STORE_NAME}" vector store and auto-creation is off.`,
    );
  }
  return { vectorStoreIds: [primary.openAiId], source: 'tenant_default' };
}

function unresolved(spec: ToolBuildSpec, reason: string): AppError {
  return new AppError(
    'PreconditionFailed',
    `No vector store for file search on agent "${spec.key}": ${reason}`,
    {
      details: { agent: spec.key, tool: 'file_search', binding: spec.vectorStoreBinding ?? 'tenant_default' },
    },
  );
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
