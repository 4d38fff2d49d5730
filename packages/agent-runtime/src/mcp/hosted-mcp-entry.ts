import { type HostedMCPTool, hostedMcpTool } from '@openai/agents';
import type { AgentRunContext } from '../runtime/run-context.js';
import type { ToolRegistryEntry } from '../tools/tool-registry-entry.js';
import { decideMcpApproval } from './mcp-approval-policy.js';
import type { HostedMcpToolConfig, McpApprovalMode, McpRequireApproval } from './mcp-tool-config.js';

type SdkRequireApproval =
  | 'always'
  | {
      always?: { toolNames: string[] };
      never?: { toolNames: string[] };
    };

/** The SDK's hosted MCP tool for one config; approval requests are answered by the §6.3 policy. */
export function buildHostedMcpTool(config: HostedMcpToolConfig): HostedMCPTool<AgentRunContext> {
  const server =
    config.connectorId !== undefined
      ? { serverLabel: config.serverLabel, connectorId: config.connectorId }
      : {
          serverLabel: config.serverLabel,
          ...(config.serverUrl === undefined ? {} : { serverUrl: config.serverUrl }),
        };
  const options = {
    ...server,
    ...(config.authorization === undefined ? {} : { authorization: config.authorization }),
    ...(config.allowedTools === undefined ? {} : { allowedTools: [...config.allowedTools] }),
    ...(config.description === undefined ? {} : { serverDescription: config.description }),
  };
  if (config.requireApproval === 'never') {
    return hostedMcpTool<AgentRunContext>({ ...options, requireApproval: 'never' });
  }
  return hostedMcpTool<AgentRunContext>({
    ...options,
    requireApproval: toSdkRequireApproval(config.requireApproval),
    // Answering in the callback keeps the run going: no interruption reaches the caller.
    onApproval: async (_context, item) => decideMcpApproval(config, item.name ?? ''),
  });
}

/** The registry entry (§6.1 MCP row) of one hosted MCP server; register it only with an OpenAI key. */
export function createHostedMcpEntry(config: HostedMcpToolConfig): ToolRegistryEntry {
  return {
    key: config.name,
    category: 'mcp',
    kind: 'hosted_mcp',
    description: config.description ?? `Tools of the MCP server "${config.serverLabel}".`,
    provider: config.serverLabel,
    defaults: catalogDefaults(config),
    build: () => ({
      tools: [buildHostedMcpTool(config)],
      metadata: { server_label: config.serverLabel, transport: 'hosted' },
    }),
  };
}

function toSdkRequireApproval(setting: Exclude<McpRequireApproval, 'never'>): SdkRequireApproval {
  if (setting === 'always') return 'always';
  const namesWith = (mode: McpApprovalMode) =>
    Object.entries(setting)
      .filter(([, value]) => value === mode)
      .map(([name]) => name);
  const always = namesWith('always');
  const never = namesWith('never');
  return {
    ...(always.length === 0 ? {} : { always: { toolNames: always } }),
    ...(never.length === 0 ? {} : { never: { toolNames: never } }),
  };
}

// What `/tools` may show: never the authorization token.
function catalogDefaults(config: HostedMcpToolConfig): Record<string, unknown> {
  return {
    server_label: config.serverLabel,
    ...(config.serverUrl === undefined ? {} : { server_url: config.serverUrl }),
    ...(config.connectorId === undefined ? {} : { connector_id: config.connectorId }),
    require_approval: config.requireApproval,
    ...(config.allowedTools === undefined ? {} : { allowed_tools: [...config.allowedTools] }),
  };
}
