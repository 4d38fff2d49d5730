import { fileSearchTool } from '@openai/agents';
import { type ResolveVectorStoresDeps, resolveVectorStores } from './resolve-vector-stores.js';
import type { FileSearchOptions } from './tool-configs.js';
import type { ToolBuildSpec, ToolRegistryEntry } from './tool-registry-entry.js';

type FileSearchToolOptions = NonNullable<Parameters<typeof fileSearchTool>[1]>;

/** Maps `file_search_options` to the SDK helper; filters and ranking go to the API as its snake_case shapes. */
export function toFileSearchToolOptions(options: FileSearchOptions | undefined): FileSearchToolOptions {
  if (options === undefined) return {};
  const ranking = options.rankingOptions;
  const rankingOptions: FileSearchToolOptions['rankingOptions'] =
    ranking === undefined
      ? undefined
      : {
          ...(ranking.ranker !== undefined ? { ranker: ranking.ranker as 'auto' } : {}),
          ...(ranking.scoreThreshold !== undefined ? { score_threshold: ranking.scoreThreshold } : {}),
        };
  return {
    ...(options.maxNumResults !== undefined ? { maxNumResults: options.maxNumResults } : {}),
    ...(options.includeSearchResults !== undefined
      ? { includeSearchResults: options.includeSearchResults }
      : {}),
    ...(options.filters !== undefined
      ? { filters: options.filters as unknown as NonNullable<FileSearchToolOptions['filters']> }
      : {}),
    ...(rankingOptions !== undefined ? { rankingOptions } : {}),
  };
}

/** The hosted `file_search` entry; vector store ids are resolved per agent per request (§6.4). */
export function createFileSearchEntry(deps: ResolveVectorStoresDeps): ToolRegistryEntry {
  return {
    key: 'file_search',
    category: 'search',
    kind: 'hosted',
    description: "Searches the tenant's vector stores (OpenAI hosted tool).",
    provider: 'openai',
    defaults: { vector_store_binding: 'tenant_default' },
    validate: (spec: ToolBuildSpec) =>
      spec.vectorStoreBinding === 'static' && (spec.vectorStoreIds ?? []).length === 0
        ? [`agent "${spec.key}": file_search with vector_store_binding "static" needs vector_store_ids`]
        : [],
    build: async (spec, context) => {
      const { vectorStoreIds } = await resolveVectorStores(spec, context, deps);
      return { tools: [fileSearchTool(vectorStoreIds, toFileSearchToolOptions(spec.fileSearchOptions))] };
    },
  };
}
