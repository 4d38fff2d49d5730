import type { StreamNotice, ToolState } from '@starter/contracts';
import { PUBLIC_SSE_LIMITS } from '@starter/contracts';
import type { EmitExtras, ItemPosition, ProjectionContext, ToolCallState } from './projector-state.js';
import { sanitizeArguments } from './sanitize-arguments.js';
import { chunkString } from './sanitize-payload.js';

/** Registers a tool call under its provider item id (and SDK call id, when it has one). */
export function registerTool(
  ctx: ProjectionContext,
  position: ItemPosition,
  tool: ToolState,
  callId: string | null,
): ToolCallState {
  const state: ToolCallState = {
    position,
    tool,
    lastEmitted: null,
    argumentsBuffer: '',
    argumentsEmitted: false,
    pendingItemDone: null,
    finished: false,
  };
  ctx.state.tools.set(position.itemId, state);
  if (callId) ctx.state.callIds.set(callId, state);
  if (tool.tool_type === 'web_search') ctx.state.lastWebSearch = state;
  return state;
}

/** Emits the tool's current state as `tool.status`, unless it is an exact repeat of the last one. */
export function emitToolStatus(
  ctx: ProjectionContext,
  call: ToolCallState,
  notices: readonly StreamNotice[] = [],
  extras: EmitExtras = {},
): void {
  const serialized = JSON.stringify(call.tool);
  if (serialized === call.lastEmitted) return;
  call.lastEmitted = serialized;
  ctx.emit(
    'tool.status',
    { output_index: call.position.outputIndex, item_id: call.position.itemId, tool: call.tool },
    { providerSequence: extras.providerSequence, notices },
  );
}

/** Moves a tool to `status` and emits it (statuses must be valid for the tool's type). */
export function setToolStatus(
  ctx: ProjectionContext,
  call: ToolCallState,
  status: string,
  extras: EmitExtras = {},
): void {
  call.tool = { ...call.tool, status } as ToolState;
  emitToolStatus(ctx, call, [], extras);
}

/** The tool's name as `tool.arguments.*` report it. */
export function toolNameOf(tool: ToolState): string {
  if (tool.tool_type === 'mcp') return tool.tool_name;
  if (tool.tool_type === 'function' || tool.tool_type === 'agent') return tool.name;
  return tool.tool_type;
}

/**
 * Emits the buffered arguments once: sanitized, as ≤2 000-character `tool.arguments.delta` chunks and
 * one `tool.arguments.done`. Raw provider deltas are never forwarded, since a secret could straddle two
 * of them and escape redaction.
 */
export function flushArguments(ctx: ProjectionContext, call: ToolCallState, raw: string, extras: EmitExtras) {
  const { tool } = call;
  if (call.argumentsEmitted) return;
  if (tool.tool_type !== 'function' && tool.tool_type !== 'agent' && tool.tool_type !== 'mcp') return;
  call.argumentsEmitted = true;
  const sanitized = sanitizeArguments(raw);
  const { outputIndex, itemId } = call.position;
  const name = toolNameOf(tool);
  // Literals, not `{ ...base, delta }`: see `EventBody` in projector-state.ts.
  for (const delta of chunkString(sanitized.text, PUBLIC_SSE_LIMITS.argumentsDeltaChars)) {
    ctx.emit(
      'tool.arguments.delta',
      {
        output_index: outputIndex,
        item_id: itemId,
        tool_call_id: tool.tool_call_id,
        tool_type: tool.tool_type,
        tool_name: name,
        delta,
      },
      extras,
    );
  }
  ctx.emit(
    'tool.arguments.done',
    {
      output_index: outputIndex,
      item_id: itemId,
      tool_call_id: tool.tool_call_id,
      tool_type: tool.tool_type,
      tool_name: name,
      arguments_text: sanitized.text,
      ...(sanitized.json === undefined ? {} : { arguments_json: sanitized.json }),
    },
    { providerSequence: extras.providerSequence, notices: sanitized.notices },
  );
}

/** Emits the `output_item.done` a tool held back, if any. */
export function flushPendingItemDone(ctx: ProjectionContext, call: ToolCallState): void {
  if (!call.pendingItemDone) return;
  const body = call.pendingItemDone;
  call.pendingItemDone = null;
  ctx.emit('output_item.done', body);
}
