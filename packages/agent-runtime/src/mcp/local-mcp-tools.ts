import { type FunctionTool, type MCPServer, mcpToFunctionTool, type Tool } from '@openai/agents';
import type { AgentRunContext } from '../runtime/run-context.js';
import { isMcpToolOffered } from './local-mcp-server.js';
import { decideMcpApproval, requiresApproval } from './mcp-approval-policy.js';
import type { LocalMcpToolConfig } from './mcp-tool-config.js';

/**
 * What happens when the model calls a local MCP tool: `run` it, `ask` the caller (an SDK interruption
 * the caller approves or rejects), or `deny` it with the §6.3 reason.
 */
export type LocalMcpToolApproval =
  | { readonly action: 'run' }
  | { readonly action: 'ask' }
  | { readonly action: 'deny'; readonly reason: string };

/** Applies `require_approval` and then the §6.3 policy to one local tool; the policy's refusal becomes a question. */
export function localMcpToolApproval(config: LocalMcpToolConfig, toolName: string): LocalMcpToolApproval {
  const decision = decideMcpApproval(config, toolName);
  if (config.denyTools.includes(toolName)) {
    return { action: 'deny', reason: decision.reason ?? 'Denied by policy' };
  }
  if (!requiresApproval(config, toolName) || decision.approve) return { action: 'run' };
  // Hosted calls have no one to ask, so the policy refuses them; a local run can pause for a human.
  return { action: 'ask' };
}

/**
 * The server's offered tools as SDK function tools whose `needsApproval` follows the config: the run
 * interrupts (`result.interruptions`) for tools the caller must approve. The server must be connected.
 */
export async function approvalGatedMcpTools(
  server: MCPServer,
  config: LocalMcpToolConfig,
): Promise<Tool<AgentRunContext>[]> {
  const listed = await server.listTools();
  return listed
    .filter((mcpTool) => isMcpToolOffered(config, mcpTool.name))
    .map((mcpTool) => {
      // MCP tools never read the run context; the SDK types them for `unknown` context only.
      const converted = mcpToFunctionTool(mcpTool, server, false) as unknown as FunctionTool<AgentRunContext>;
      const approval = localMcpToolApproval(config, mcpTool.name);
      // Keep `invoke` itself: the SDK keys the tool's MCP identity and input parser on it.
      return { ...converted, needsApproval: async () => approval.action === 'ask' };
    });
}
