/** `always` asks before every call; `never` lets the server run it. */
export type McpApprovalMode = 'always' | 'never';

/** `require_approval`: one mode for every tool, or a per-tool map (unlisted tools need approval). */
export type McpRequireApproval = McpApprovalMode | Readonly<Record<string, McpApprovalMode>>;

/** Fields every `MCP_TOOLS` entry shares, camelCased from the JSON (§6.3). */
export interface McpToolConfigBase {
  /** Registry key agents list in `tool_keys`. */
  readonly name: string;
  /** Unique label; the SDK server name of a local server and the provider shown in the catalog. */
  readonly serverLabel: string;
  readonly description?: string | undefined;
  readonly requireApproval: McpRequireApproval;
  /** When set, only these tools of the server are offered to the model. */
  readonly allowedTools?: readonly string[] | undefined;
  readonly autoApproveTools: readonly string[];
  readonly denyTools: readonly string[];
}

/** A remote MCP server that OpenAI calls for us (`hostedMcpTool`); needs an OpenAI key. */
export interface HostedMcpToolConfig extends McpToolConfigBase {
  readonly transport: 'hosted';
  /** Exactly one of `serverUrl` / `connectorId` is set. */
  readonly serverUrl?: string | undefined;
  readonly connectorId?: string | undefined;
  readonly authorization?: string | undefined;
}

/** A local MCP server the runtime spawns and talks to over stdio. */
export interface StdioMcpToolConfig extends McpToolConfigBase {
  readonly transport: 'stdio';
  readonly command: string;
  readonly args: readonly string[];
  /** Added to the default safe environment (PATH, HOME, …) of the child process. */
  readonly env?: Readonly<Record<string, string>> | undefined;
  readonly cwd?: string | undefined;
}

/** A local (or private-network) MCP server the runtime calls over Streamable HTTP. */
export interface StreamableHttpMcpToolConfig extends McpToolConfigBase {
  readonly transport: 'streamable_http';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** A server the runtime connects to itself: its tools run in this process's SDK loop. */
export type LocalMcpToolConfig = StdioMcpToolConfig | StreamableHttpMcpToolConfig;

/** One validated `MCP_TOOLS` entry. */
export type McpToolConfig = HostedMcpToolConfig | LocalMcpToolConfig;

/** True for entries the runtime connects to itself (stdio, Streamable HTTP). */
export function isLocalMcpToolConfig(config: McpToolConfig): config is LocalMcpToolConfig {
  return config.transport !== 'hosted';
}
