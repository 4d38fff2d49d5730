import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

/** One tool execution a fixture server recorded. */
export interface FixtureCall {
  readonly tool: string;
  readonly args: Record<string, unknown>;
}

/** Registers add / echo / whoami / delete_file / secret / call_log on an McpServer. */
export function registerFixtureTools(server: McpServer, calls: FixtureCall[]): void;
