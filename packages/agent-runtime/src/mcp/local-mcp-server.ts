import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  type getLogger,
  type MCPServer,
  MCPServerStdio,
  MCPServerStreamableHttp,
  type MCPToolFilterStatic,
} from '@openai/agents';
import type { LocalMcpToolConfig, McpToolConfigBase } from './mcp-tool-config.js';

/** The SDK's logger shape (the SDK exports `getLogger`, not the type). */
export type McpLogger = ReturnType<typeof getLogger>;

/** How the runtime talks to its local MCP servers. */
export interface LocalMcpServerOptions {
  readonly logger?: McpLogger | undefined;
  /** Keep each server's tool list after the first listing (default false: list on every run). */
  readonly cacheToolsList?: boolean | undefined;
  /** Seconds to wait for the MCP handshake and each request (SDK default 5). */
  readonly sessionTimeoutSeconds?: number | undefined;
}

/** The SDK client of one local MCP server (stdio or Streamable HTTP), filtered by allowed/deny lists. */
export function createLocalMcpServer(
  config: LocalMcpToolConfig,
  options: LocalMcpServerOptions = {},
): MCPServer {
  const toolFilter = mcpToolFilter(config);
  const shared = {
    name: config.serverLabel,
    cacheToolsList: options.cacheToolsList ?? false,
    ...(toolFilter === undefined ? {} : { toolFilter }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.sessionTimeoutSeconds === undefined
      ? {}
      : { clientSessionTimeoutSeconds: options.sessionTimeoutSeconds }),
  };
  if (config.transport === 'stdio') {
    return new MCPServerStdio({
      ...shared,
      command: config.command,
      args: [...config.args],
      // A given env replaces the child's whole environment in the MCP client, so keep PATH and friends.
      ...(config.env === undefined ? {} : { env: { ...getDefaultEnvironment(), ...config.env } }),
      ...(config.cwd === undefined ? {} : { cwd: config.cwd }),
    });
  }
  return new MCPServerStreamableHttp({
    ...shared,
    url: config.url,
    ...(config.headers === undefined ? {} : { requestInit: { headers: { ...config.headers } } }),
  });
}

/** Whether the model is offered `toolName`: on the allow list (when there is one) and not denied. */
export function isMcpToolOffered(
  config: Pick<McpToolConfigBase, 'allowedTools' | 'denyTools'>,
  toolName: string,
): boolean {
  if (config.denyTools.includes(toolName)) return false;
  return config.allowedTools === undefined || config.allowedTools.includes(toolName);
}

// Denied tools are hidden, not only refused: the model never learns it could ask for them.
function mcpToolFilter(config: LocalMcpToolConfig): MCPToolFilterStatic | undefined {
  if (config.allowedTools === undefined && config.denyTools.length === 0) return undefined;
  return {
    ...(config.allowedTools === undefined ? {} : { allowedToolNames: [...config.allowedTools] }),
    ...(config.denyTools.length === 0 ? {} : { blockedToolNames: [...config.denyTools] }),
  };
}
