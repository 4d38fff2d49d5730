// Public API of mcp/: each module adds its exports here.
export { buildHostedMcpTool, createHostedMcpEntry } from './hosted-mcp-entry.js';
export { createLocalMcpEntry } from './local-mcp-entry.js';
export {
  createLocalMcpServer,
  isMcpToolOffered,
  type LocalMcpServerOptions,
  type McpLogger,
} from './local-mcp-server.js';
export { approvalGatedMcpTools, type LocalMcpToolApproval, localMcpToolApproval } from './local-mcp-tools.js';
export {
  decideMcpApproval,
  MCP_DENIED_REASON,
  MCP_NOT_AUTO_APPROVED_REASON,
  type McpApprovalDecision,
  requiresApproval,
} from './mcp-approval-policy.js';
export { type McpRegistryOptions, mcpToolRegistryEntries } from './mcp-registry-entries.js';
export { createMcpServerPool, type McpServerPool, type McpServerPoolOptions } from './mcp-server-pool.js';
export {
  type HostedMcpToolConfig,
  isLocalMcpToolConfig,
  type LocalMcpToolConfig,
  type McpApprovalMode,
  type McpRequireApproval,
  type McpToolConfig,
  type McpToolConfigBase,
  type StdioMcpToolConfig,
  type StreamableHttpMcpToolConfig,
} from './mcp-tool-config.js';
export { parseMcpToolsSetting } from './parse-mcp-tools-setting.js';
