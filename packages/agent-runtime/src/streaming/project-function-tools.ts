import type { ToolState } from '@starter/contracts';
import { PUBLIC_SSE_LIMITS } from '@starter/contracts';
import type { NormalizedRunItem, RawResponseEvent } from './agent-stream-event.js';
import { itemDoneBody, sequenceOf, stringField } from './output-items.js';
import type {
  ItemPosition,
  ProjectionContext,
  ToolCallState,
  ToolFailureSubject,
} from './projector-state.js';
import { sanitizeJson } from './sanitize-payload.js';
import { failureOutput } from './tool-failure.js';
import {
  emitToolStatus,
  flushArguments,
  flushPendingItemDone,
  registerTool,
  setToolStatus,
} from './tool-status.js';

type Loose = Record<string, unknown>;

/** Function tools named as one of the agent's agent-tools are reported as `agent` (§2.3). */
export function functionTool(ctx: ProjectionContext, callId: string, name: string): ToolState {
  const agents = ctx.options.agentToolAgents;
  if (agents.has(name)) {
    return {
      tool_type: 'agent',
      tool_call_id: callId,
      status: 'in_progress',
      name,
      agent: agents.get(name) ?? null,
    };
  }
  return { tool_type: 'function', tool_call_id: callId, status: 'in_progress', name };
}

/** A function/custom tool call appeared: register it and report `in_progress` before its arguments. */
export function startFunctionCall(
  ctx: ProjectionContext,
  position: ItemPosition,
  item: Loose,
  event: RawResponseEvent,
) {
  const callId = stringField(item, 'call_id') ?? position.itemId;
  const call = registerTool(
    ctx,
    position,
    functionTool(ctx, callId, stringField(item, 'name') ?? 'tool'),
    callId,
  );
  emitToolStatus(ctx, call, [], sequenceOf(event));
}

/** Argument events of function/custom tool calls: buffered, then flushed sanitized on `.done`. */
export function projectFunctionArguments(ctx: ProjectionContext, event: RawResponseEvent): boolean {
  const isDelta =
    event.type === 'response.function_call_arguments.delta' ||
    event.type === 'response.custom_tool_call_input.delta';
  const isDone =
    event.type === 'response.function_call_arguments.done' ||
    event.type === 'response.custom_tool_call_input.done';
  if (!isDelta && !isDone) return false;
  const call = ctx.state.tools.get(stringField(event, 'item_id') ?? '');
  if (!call) return true;
  if (isDelta) {
    call.argumentsBuffer += stringField(event, 'delta') ?? '';
    return true;
  }
  const full = stringField(event, 'arguments') ?? stringField(event, 'input') ?? call.argumentsBuffer;
  flushArguments(ctx, call, full, sequenceOf(event));
  return true;
}

/**
 * The model finished writing the call. The tool only runs after this, so `output_item.done` is held back
 * until its output arrives: the client then sees one call item that closes when the call is over.
 */
export function finishFunctionCallItem(
  ctx: ProjectionContext,
  call: ToolCallState,
  item: Loose,
  event: RawResponseEvent,
) {
  flushArguments(
    ctx,
    call,
    stringField(item, 'arguments') ?? stringField(item, 'input') ?? call.argumentsBuffer,
    sequenceOf(event),
  );
  const body = itemDoneBody(call.position, item);
  if (call.finished) ctx.emit('output_item.done', body, sequenceOf(event));
  else call.pendingItemDone = body;
}

function toOutputValue(output: unknown): unknown {
  if (typeof output !== 'string') return output;
  const trimmed = output.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return output;
  try {
    return JSON.parse(trimmed);
  } catch {
    return output;
  }
}

/**
 * Emits a callable tool's sanitized output (none when `output` is null/undefined), then its terminal
 * status and its held-back item.
 */
export function finishToolCall(
  ctx: ProjectionContext,
  call: ToolCallState,
  output: unknown,
  failed: boolean,
) {
  const { tool } = call;
  if (call.finished) return;
  call.finished = true;
  if (tool.tool_type === 'function' || tool.tool_type === 'agent' || tool.tool_type === 'mcp') {
    if (output !== undefined && output !== null) {
      const sanitized = sanitizeJson(
        toOutputValue(output),
        PUBLIC_SSE_LIMITS.toolOutputStringChars,
        'output',
      );
      ctx.emit(
        'tool.output',
        {
          output_index: call.position.outputIndex,
          item_id: call.position.itemId,
          tool_call_id: tool.tool_call_id,
          tool_type: tool.tool_type,
          output: sanitized.value,
        },
        { notices: sanitized.notices },
      );
    }
    setToolStatus(ctx, call, failed ? 'failed' : 'completed');
  }
  flushPendingItemDone(ctx, call);
}

/** True when the tool call is one the client sees arguments and output of (function, agent, MCP). */
export function isCallable(call: ToolCallState): boolean {
  const type = call.tool.tool_type;
  return type === 'function' || type === 'agent' || type === 'mcp';
}

/**
 * Ends every callable tool call still open when the run stops early (error, cancel): a client must not
 * be left with a spinner. `output` (an error summary) is shown only for calls that were running.
 */
export function failOpenToolCalls(ctx: ProjectionContext, output: unknown): void {
  for (const call of ctx.state.tools.values()) {
    if (call.finished || !isCallable(call)) continue;
    finishToolCall(ctx, call, call.tool.status === 'in_progress' ? output : null, true);
  }
}

function failureSubject(call: ToolCallState): ToolFailureSubject | null {
  const { tool } = call;
  if (tool.tool_type === 'mcp')
    return { toolCallId: tool.tool_call_id, toolName: tool.tool_name, toolType: 'mcp' };
  if (tool.tool_type === 'function' || tool.tool_type === 'agent')
    return { toolCallId: tool.tool_call_id, toolName: tool.name, toolType: tool.tool_type };
  return null;
}

/** Run items about function/agent tools: their output (a result or a failure) and approval requests. */
export function projectFunctionRunItem(ctx: ProjectionContext, name: string, item: NormalizedRunItem): void {
  const call = item.callId ? ctx.state.callIds.get(item.callId) : undefined;
  if (!call) return;
  if (name === 'tool_output' && item.kind === 'tool_output') {
    const subject = failureSubject(call);
    const failed =
      item.status === 'incomplete' ||
      item.status === 'failed' ||
      (subject !== null && ctx.options.isToolFailure(item.output, subject));
    finishToolCall(ctx, call, failed ? failureOutput(item.output) : item.output, failed);
  } else if (name === 'tool_approval_requested' && call.tool.tool_type !== 'agent') {
    // Agent tools have no `awaiting_approval` in the contract: they stay `in_progress` while paused.
    setToolStatus(ctx, call, 'awaiting_approval');
  }
}
