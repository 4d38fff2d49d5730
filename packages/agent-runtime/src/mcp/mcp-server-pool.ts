import type { MCPServer } from '@openai/agents';
import { AppError } from '@starter/contracts';
import type { ToolRegistryEntry } from '../tools/tool-registry-entry.js';
import { createLocalMcpEntry } from './local-mcp-entry.js';
import { createLocalMcpServer, type LocalMcpServerOptions } from './local-mcp-server.js';
import { isLocalMcpToolConfig, type LocalMcpToolConfig, type McpToolConfig } from './mcp-tool-config.js';

/** The process-wide connections to the local MCP servers of `MCP_TOOLS`. */
export interface McpServerPool {
  /** The local entries of the configs the pool was given (hosted entries are not its business). */
  readonly configs: readonly LocalMcpToolConfig[];
  /** The SDK server of a local entry, by its registry key. */
  server(name: string): MCPServer | undefined;
  /** Connects every server; if any fails, closes the rest and throws an error naming each failure. */
  connect(): Promise<void>;
  /** Closes every server; never throws, so shutdown always completes. */
  close(): Promise<void>;
  /** One registry entry per local server, contributing its server or approval-gated tools. */
  registryEntries(): ToolRegistryEntry[];
}

/** Options of {@link createMcpServerPool}. */
export type McpServerPoolOptions = LocalMcpServerOptions;

/** Creates (without connecting) the SDK clients of the local MCP servers among `configs`. */
export function createMcpServerPool(
  configs: readonly McpToolConfig[],
  options: McpServerPoolOptions = {},
): McpServerPool {
  const locals = configs.filter(isLocalMcpToolConfig);
  const servers = new Map(locals.map((config) => [config.name, createLocalMcpServer(config, options)]));
  const entries = locals.map((config) => createLocalMcpEntry(config, serverOf(config)));

  function serverOf(config: LocalMcpToolConfig): MCPServer {
    const server = servers.get(config.name);
    if (server === undefined) throw new Error(`no MCP server for ${config.name}`);
    return server;
  }

  async function closeAll(): Promise<void> {
    const results = await Promise.allSettled(locals.map((config) => serverOf(config).close()));
    results.forEach((result, index) => {
      if (result.status === 'rejected') {
        options.logger?.warn(`MCP server "${locals[index]?.name}" failed to close`, result.reason);
      }
    });
  }

  return {
    configs: locals,
    server: (name) => servers.get(name),
    async connect() {
      const results = await Promise.allSettled(locals.map((config) => serverOf(config).connect()));
      const failures = locals.flatMap((config, index) => {
        const result = results[index];
        return result?.status === 'rejected' ? [{ config, reason: result.reason as unknown }] : [];
      });
      if (failures.length === 0) return;
      await closeAll();
      const described = failures.map(({ config, reason }) => describeFailure(config, reason));
      throw new AppError('ServiceUnavailable', `Could not connect to MCP ${described.join('; ')}`, {
        details: failures.map(({ config, reason }) => ({
          name: config.name,
          transport: config.transport,
          error: reason instanceof Error ? reason.message : String(reason),
        })),
        cause: failures[0]?.reason,
      });
    },
    close: closeAll,
    registryEntries: () => [...entries],
  };
}

function describeFailure(config: LocalMcpToolConfig, reason: unknown): string {
  const target = config.transport === 'stdio' ? config.command : config.url;
  const message = reason instanceof Error ? reason.message : String(reason);
  return `server "${config.name}" (${config.transport} ${target}): ${message}`;
}
