import type { MCPServer, Tool } from '@openai/agents';
import { AppError } from '@starter/contracts';
import type { AgentRunContext } from '../runtime/run-context.js';
import { createCodeInterpreterEntry } from './code-interpreter-entry.js';
import { createCurrentTimeTool } from './current-time-tool.js';
import { functionToolEntry } from './define-function-tool.js';
import { createFileSearchEntry } from './file-search-entry.js';
import { createImageGenerationEntry } from './image-generation-entry.js';
import { createSearchConversationsTool } from './search-conversations-tool.js';
import type { ContainerPort, ConversationSearchPort, VectorStorePort } from './tool-ports.js';
import type {
  ToolBuildSpec,
  ToolCategory,
  ToolContribution,
  ToolKind,
  ToolRegistryEntry,
} from './tool-registry-entry.js';
import { DEFAULT_TOOL_REGISTRY_SETTINGS, type ToolRegistrySettings } from './tool-settings.js';
import { createWebSearchEntry } from './web-search-entry.js';

/** What the registry needs: whether hosted tools can run, §11 settings, and the tenant data ports. */
export interface ToolRegistryOptions {
  /** True when an OpenAI API key is configured; hosted tools are registered only then (§6.1). */
  readonly openAiConfigured: boolean;
  readonly settings?: Partial<ToolRegistrySettings> | undefined;
  readonly ports: {
    readonly conversationSearch: ConversationSearchPort;
    readonly vectorStores?: VectorStorePort | undefined;
    readonly containers?: ContainerPort | undefined;
  };
  readonly clock?: (() => Date) | undefined;
  /** Registered after the built-ins, e.g. MCP entries or an app's own function tools. */
  readonly extraEntries?: readonly ToolRegistryEntry[] | undefined;
}

/** One row of `GET /tools`. */
export interface ToolCatalogEntry {
  readonly name: string;
  readonly category: ToolCategory;
  readonly kind: ToolKind;
  readonly description: string;
  readonly provider: string;
  readonly defaults: Readonly<Record<string, unknown>>;
}

/** The global name → tool map agents attach tools from, strictly by `tool_keys`. */
export interface ToolRegistry {
  keys(): string[];
  has(key: string): boolean;
  get(key: string): ToolRegistryEntry | undefined;
  /** Registered entries in registration order. */
  entries(): ToolRegistryEntry[];
  /** JSON-safe catalog rows for `GET /tools`. */
  catalog(): ToolCatalogEntry[];
  /** Adds an entry; a key that is already registered is an error. */
  register(entry: ToolRegistryEntry): void;
  /** Keys an agent may list although they are not registered (a warning, not an error: §3.1). */
  readonly optionalKeys: ReadonlySet<string>;
  /** Spec-time problems: unknown (non-optional) tool keys and each listed entry's own checks. */
  validate(spec: ToolBuildSpec): string[];
  /** Builds an agent's tools for one request, in `toolKeys` order; metadata and MCP servers are merged. */
  build(spec: ToolBuildSpec, context: AgentRunContext): Promise<ToolContribution>;
}

const OPTIONAL_KEYS: ReadonlySet<string> = new Set(['web_search']);

/** Creates the tool registry with the built-in tools, the hosted tools when OpenAI is configured, and extras. */
export function createToolRegistry(options: ToolRegistryOptions): ToolRegistry {
  const settings: ToolRegistrySettings = { ...DEFAULT_TOOL_REGISTRY_SETTINGS, ...options.settings };
  const byKey = new Map<string, ToolRegistryEntry>();

  const register = (entry: ToolRegistryEntry): void => {
    if (byKey.has(entry.key)) {
      throw new AppError('InternalServerError', `Tool "${entry.key}" is already registered.`, {
        details: { tool: entry.key },
      });
    }
    byKey.set(entry.key, entry);
  };

  register(functionToolEntry(createCurrentTimeTool(options.clock), { category: 'utility' }));
  register(
    functionToolEntry(createSearchConversationsTool(options.ports.conversationSearch), {
      category: 'conversation',
    }),
  );
  if (options.openAiConfigured) {
    register(createWebSearchEntry());
    register(createCodeInterpreterEntry({ containers: options.ports.containers, settings }));
    register(createImageGenerationEntry(settings));
    register(createFileSearchEntry({ vectorStores: options.ports.vectorStores, settings }));
  }
  for (const entry of options.extraEntries ?? []) register(entry);

  return {
    keys: () => [...byKey.keys()],
    has: (key) => byKey.has(key),
    get: (key) => byKey.get(key),
    entries: () => [...byKey.values()],
    catalog: () =>
      [...byKey.values()].map((entry) => ({
        name: entry.key,
        category: entry.category,
        kind: entry.kind,
        description: entry.description,
        provider: entry.provider,
        defaults: entry.defaults ?? {},
      })),
    register,
    optionalKeys: OPTIONAL_KEYS,
    validate: (spec) =>
      spec.toolKeys.flatMap((key) => {
        const entry = byKey.get(key);
        if (entry === undefined) {
          return OPTIONAL_KEYS.has(key) ? [] : [`agent "${spec.key}": unknown tool key "${key}"`];
        }
        return [...(entry.validate?.(spec) ?? [])];
      }),
    build: async (spec, context) => {
      const present = spec.toolKeys.filter((key) => {
        if (byKey.has(key) || OPTIONAL_KEYS.has(key)) return true;
        throw new AppError('InternalServerError', `Agent "${spec.key}" lists unknown tool "${key}".`, {
          details: { agent: spec.key, tool: key },
        });
      });
      const built = await Promise.all(
        present.flatMap((key) => {
          const entry = byKey.get(key);
          // An unregistered optional tool (web_search without an API key) is simply left out.
          return entry === undefined
            ? []
            : [Promise.resolve(entry.build(spec, context)).then((c) => [key, c] as const)];
        }),
      );
      const tools: Tool<AgentRunContext>[] = [];
      const mcpServers: MCPServer[] = [];
      const metadata: Record<string, unknown> = {};
      for (const [key, contribution] of built) {
        tools.push(...(contribution.tools ?? []));
        mcpServers.push(...(contribution.mcpServers ?? []));
        if (contribution.metadata !== undefined) metadata[key] = contribution.metadata;
      }
      return { tools, mcpServers, metadata };
    },
  };
}
