import type { MCPServer, Tool } from '@openai/agents';
import type { AgentRunContext } from '../runtime/run-context.js';
import type { FileSearchOptions, ToolConfigs } from './tool-configs.js';

/** Catalog category of a registered tool (§6.1). */
export type ToolCategory = 'utility' | 'conversation' | 'web_search' | 'code' | 'image' | 'search' | 'mcp';

/** How a tool runs: a local function, an OpenAI-hosted tool, or an MCP server's tools. */
export type ToolKind = 'function' | 'hosted' | 'hosted_mcp' | 'local_mcp';

/** The parts of an agent spec that tool building reads. */
export interface ToolBuildSpec {
  readonly key: string;
  readonly toolKeys: readonly string[];
  readonly toolConfigs?: ToolConfigs | undefined;
  readonly vectorStoreBinding?: 'tenant_default' | 'static' | 'required' | undefined;
  readonly vectorStoreIds?: readonly string[] | undefined;
  readonly fileSearchOptions?: FileSearchOptions | undefined;
}

/** What one registry entry adds to an agent for one request. */
export interface ToolContribution {
  readonly tools?: readonly Tool<AgentRunContext>[] | undefined;
  /** Local MCP servers (stdio, Streamable HTTP) whose tools the SDK lists itself. */
  readonly mcpServers?: readonly MCPServer[] | undefined;
  /** Facts the stream projector reports, e.g. `{ container_mode: 'auto' }` for code interpreter. */
  readonly metadata?: Readonly<Record<string, unknown>> | undefined;
}

/** One entry of the global tool registry: catalog facts plus a per-request builder. */
export interface ToolRegistryEntry {
  readonly key: string;
  readonly category: ToolCategory;
  readonly kind: ToolKind;
  readonly description: string;
  /** `local` for function tools, `openai` for hosted tools, the server label for MCP. */
  readonly provider: string;
  readonly defaults?: Readonly<Record<string, unknown>> | undefined;
  /** Spec-time checks of the agent's config for this tool; returns human-readable problems. */
  validate?(spec: ToolBuildSpec): readonly string[];
  /** Builds the tool(s) for one agent in one request. */
  build(spec: ToolBuildSpec, context: AgentRunContext): ToolContribution | Promise<ToolContribution>;
}
