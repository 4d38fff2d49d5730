// Public API of tools/: each module adds its exports here.
export { builtinToolName } from './builtin-tool-name.js';
export { createCodeInterpreterEntry } from './code-interpreter-entry.js';
export { createCurrentTimeTool, formatUtcTimestamp } from './current-time-tool.js';
export {
  type AgentFunctionTool,
  defineFunctionTool,
  type FunctionToolDefinition,
  type FunctionToolEntryOptions,
  functionToolEntry,
  type ToolApprovalPolicy,
} from './define-function-tool.js';
export { createFileSearchEntry, toFileSearchToolOptions } from './file-search-entry.js';
export {
  createImageGenerationEntry,
  validateImageGenerationConfig,
} from './image-generation-entry.js';
export { createInMemoryContainers, type InMemoryContainerBinding } from './in-memory-containers.js';
export {
  createInMemoryConversationSearch,
  type InMemoryConversation,
} from './in-memory-conversation-search.js';
export {
  createInMemoryVectorStores,
  type InMemoryVectorStore,
  type InMemoryVectorStores,
  type InMemoryVectorStoresOptions,
} from './in-memory-vector-stores.js';
export { type ResolveContainerDeps, type ResolvedContainer, resolveContainer } from './resolve-container.js';
export {
  PRIMARY_VECTOR_STORE_NAME,
  type ResolvedVectorStores,
  type ResolveVectorStoresDeps,
  resolveVectorStores,
} from './resolve-vector-stores.js';
export { createSearchConversationsTool } from './search-conversations-tool.js';
export * from './tool-configs.js';
export type * from './tool-ports.js';
export {
  createToolRegistry,
  type ToolCatalogEntry,
  type ToolRegistry,
  type ToolRegistryOptions,
} from './tool-registry.js';
export type * from './tool-registry-entry.js';
export { DEFAULT_TOOL_REGISTRY_SETTINGS, type ToolRegistrySettings } from './tool-settings.js';
export { createWebSearchEntry, toWebSearchUserLocation } from './web-search-entry.js';
