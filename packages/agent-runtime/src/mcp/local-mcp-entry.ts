import type { MCPServer } from '@openai/agents';
import type { ToolRegistryEntry } from '../tools/tool-registry-entry.js';
import { approvalGatedMcpTools } from './local-mcp-tools.js';
import type { LocalMcpToolConfig } from './mcp-tool-config.js';

/**
 * The registry entry of one local MCP server. Without approvals the agent gets the server itself
 * (`mcpServers`: the SDK lists its tools every turn); with approvals it gets the server's tools as
 * function tools carrying `needsApproval`, since the SDK has no approval hook on local MCP servers.
 */
export function createLocalMcpEntry(config: LocalMcpToolConfig, server: MCPServer): ToolRegistryEntry {
  const metadata = { server_label: config.serverLabel, transport: config.transport };
  return {
    key: config.name,
    category: 'mcp',
    kind: 'local_mcp',
    description: config.description ?? `Tools of the local MCP server "${config.serverLabel}".`,
    provider: config.serverLabel,
    defaults: {
      server_label: config.serverLabel,
      transport: config.transport,
      require_approval: config.requireApproval,
      ...(config.allowedTools === undefined ? {} : { allowed_tools: [...config.allowedTools] }),
    },
    build: async () =>
      config.requireApproval === 'never'
        ? { mcpServers: [server], metadata }
        : { tools: await approvalGatedMcpTools(server, config), metadata },
  };
}
