import type { ToolRegistryEntry } from '../tools/tool-registry-entry.js';
import { createHostedMcpEntry } from './hosted-mcp-entry.js';
import type { McpServerPool } from './mcp-server-pool.js';
import type { HostedMcpToolConfig, McpToolConfig } from './mcp-tool-config.js';

/** What decides which MCP entries are registered. */
export interface McpRegistryOptions {
  /** Hosted MCP runs inside OpenAI's Responses API, so it is registered only with a key (§6.1). */
  readonly openAiConfigured: boolean;
  /** The connected local servers; without it local entries are left out. */
  readonly pool?: McpServerPool | undefined;
}

/** The registry entries of `MCP_TOOLS`: hosted servers (with a key) plus the pool's local servers. */
export function mcpToolRegistryEntries(
  configs: readonly McpToolConfig[],
  options: McpRegistryOptions,
): ToolRegistryEntry[] {
  const hosted = options.openAiConfigured
    ? configs
        .filter((config): config is HostedMcpToolConfig => config.transport === 'hosted')
        .map(createHostedMcpEntry)
    : [];
  return [...hosted, ...(options.pool?.registryEntries() ?? [])];
}
