import type { McpToolConfigBase } from './mcp-tool-config.js';

/** The answer to an MCP approval request, as the SDK's `onApproval` callback returns it. */
export interface McpApprovalDecision {
  readonly approve: boolean;
  readonly reason?: string;
}

/** Reason given when a tool is on the server's deny list. */
export const MCP_DENIED_REASON = 'Denied by policy';
/** Reason given when a tool needing approval is not on the auto-approve list. */
export const MCP_NOT_AUTO_APPROVED_REASON = 'Not auto-approved';

/**
 * The §6.3 approval policy: deny list first, then the auto-approve list; anything else is refused, so
 * `require_approval: "always"` without an auto-approve list refuses every call.
 */
export function decideMcpApproval(
  config: Pick<McpToolConfigBase, 'denyTools' | 'autoApproveTools'>,
  toolName: string,
): McpApprovalDecision {
  if (config.denyTools.includes(toolName)) return { approve: false, reason: MCP_DENIED_REASON };
  if (config.autoApproveTools.includes(toolName)) return { approve: true };
  return { approve: false, reason: MCP_NOT_AUTO_APPROVED_REASON };
}

/** Whether `require_approval` asks before calling `toolName`; a per-tool map defaults unlisted tools to `always`. */
export function requiresApproval(
  config: Pick<McpToolConfigBase, 'requireApproval'>,
  toolName: string,
): boolean {
  const setting = config.requireApproval;
  if (typeof setting === 'string') return setting === 'always';
  return (Object.hasOwn(setting, toolName) ? setting[toolName] : 'always') === 'always';
}
