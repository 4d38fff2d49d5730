import type { RunToolApprovalItem } from '@openai/agents';
import { PUBLIC_SSE_LIMITS, type StreamNotice } from '@starter/contracts';
import { positionOf } from './output-items.js';
import { finishToolCall, functionTool } from './project-function-tools.js';
import type { ProjectionContext, ToolCallState } from './projector-state.js';
import { truncateText } from './sanitize-payload.js';
import { flushArguments, registerTool, setToolStatus } from './tool-status.js';

/** The user's decision on one paused tool call. */
export interface ApprovalDecision {
  readonly approved: boolean;
  /** Shown to the client, cut to 2 000 characters (§2.6). */
  readonly reason?: string | null | undefined;
}

/**
 * A tool call a paused run waits on, with the decision the resumed run carries out. The runtime builds
 * these from the serialized `RunState`'s interruptions (see {@link resumedApprovalOf}) and hands them to
 * the projector of the resumed run's new stream.
 */
export interface ResumedApproval extends ApprovalDecision {
  /** The SDK call id (`call_…`) of a function tool; the approval request id (`mcpr_…`) of an MCP call. */
  readonly toolCallId: string;
  readonly toolName: string;
  /** Default `function` (reported as `agent` when the name is one of the agent tools). */
  readonly toolType?: 'function' | 'mcp' | undefined;
  /** The provider item id the first stream used for the call; default `toolCallId`. */
  readonly itemId?: string | undefined;
  readonly serverLabel?: string | null | undefined;
  /** Raw MCP arguments, shown sanitized after the approval as the one-stream MCP flow does. */
  readonly arguments?: string | undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Describes an SDK approval interruption (`RunState.getInterruptions()`) plus the user's decision. */
export function resumedApprovalOf(item: RunToolApprovalItem, decision: ApprovalDecision): ResumedApproval {
  const raw = item.rawItem as unknown as Record<string, unknown>;
  const provider = (raw.providerData ?? {}) as Record<string, unknown>;
  const reason = decision.reason == null ? {} : { reason: decision.reason };
  if (raw.type === 'hosted_tool_call') {
    const id = stringOrUndefined(raw.id) ?? stringOrUndefined(provider.id) ?? 'mcp';
    const args = stringOrUndefined(provider.arguments);
    return {
      toolType: 'mcp',
      toolCallId: id,
      itemId: id,
      toolName: item.name ?? stringOrUndefined(provider.name) ?? 'mcp',
      serverLabel: stringOrUndefined(provider.server_label) ?? null,
      approved: decision.approved,
      ...reason,
      ...(args === undefined ? {} : { arguments: args }),
    };
  }
  const callId = stringOrUndefined(raw.callId) ?? stringOrUndefined(raw.id) ?? 'call';
  const itemId = stringOrUndefined(raw.id);
  return {
    toolType: 'function',
    toolCallId: callId,
    toolName: item.name ?? 'tool',
    approved: decision.approved,
    ...reason,
    ...(itemId === undefined ? {} : { itemId }),
  };
}

/**
 * Emits the decision on a paused call as `tool.approval`, then moves the call on: an approved function
 * tool runs (`in_progress`; the MCP server reports its own progress), a rejected one fails. Agent tools
 * have no approval event in the contract, so only their status moves.
 */
export function emitApprovalDecision(
  ctx: ProjectionContext,
  call: ToolCallState,
  decision: ApprovalDecision,
): void {
  const { tool } = call;
  if (call.finished) return;
  if (tool.tool_type === 'mcp' || tool.tool_type === 'function') {
    const notices: StreamNotice[] = [];
    const reason =
      decision.reason == null
        ? null
        : truncateText(decision.reason, PUBLIC_SSE_LIMITS.approvalReasonChars, 'reason', notices);
    const mcp =
      tool.tool_type === 'mcp'
        ? { server_label: tool.server_label ?? null, approval_request_id: call.position.itemId }
        : {};
    ctx.emit(
      'tool.approval',
      {
        output_index: call.position.outputIndex,
        item_id: call.position.itemId,
        tool_call_id: tool.tool_call_id,
        tool_type: tool.tool_type,
        tool_name: tool.tool_type === 'mcp' ? tool.tool_name : tool.name,
        ...mcp,
        approved: decision.approved,
        reason,
      },
      { notices },
    );
  }
  if (tool.tool_type === 'mcp' && call.argumentsBuffer) flushArguments(ctx, call, call.argumentsBuffer, {});
  if (!decision.approved) finishToolCall(ctx, call, null, true);
  else if (tool.tool_type !== 'mcp') setToolStatus(ctx, call, 'in_progress');
}

/** Registers the paused calls a resumed run carries out, and emits each decision (the stream's first frames). */
export function startResumedApprovals(ctx: ProjectionContext, approvals: readonly ResumedApproval[]): void {
  for (const approval of approvals) {
    const itemId = approval.itemId ?? approval.toolCallId;
    if (approval.toolType === 'mcp') {
      const position = positionOf(ctx, itemId, 'mcp_call');
      const call = registerTool(
        ctx,
        position,
        {
          tool_type: 'mcp',
          tool_call_id: approval.toolCallId,
          status: 'awaiting_approval',
          tool_name: approval.toolName,
          server_label: approval.serverLabel ?? null,
        },
        approval.toolCallId,
      );
      call.argumentsBuffer = approval.arguments ?? '';
      // The arguments were shown by the first stream unless this one is to show them after the decision.
      call.argumentsEmitted = approval.arguments === undefined;
      call.lastEmitted = JSON.stringify(call.tool);
      emitApprovalDecision(ctx, call, approval);
      continue;
    }
    const position = positionOf(ctx, itemId, 'function_call');
    const tool = functionTool(ctx, approval.toolCallId, approval.toolName);
    const paused = tool.tool_type === 'function' ? { ...tool, status: 'awaiting_approval' as const } : tool;
    const call = registerTool(ctx, position, paused, approval.toolCallId);
    // Arguments and the paused status went out on the first stream; this one continues from there.
    call.argumentsEmitted = true;
    if (paused.tool_type === 'function') call.lastEmitted = JSON.stringify(call.tool);
    emitApprovalDecision(ctx, call, approval);
  }
}
