import type { RawResponseEvent } from './agent-stream-event.js';
import { itemDoneBody, sequenceOf, stringField } from './output-items.js';
import { finishToolCall } from './project-function-tools.js';
import type { ItemPosition, ProjectionContext } from './projector-state.js';
import { emitToolStatus, flushArguments, registerTool, setToolStatus } from './tool-status.js';

type Loose = Record<string, unknown>;

/** An `mcp_call` or `mcp_approval_request` appeared: register the MCP call. */
export function startMcpCall(
  ctx: ProjectionContext,
  position: ItemPosition,
  item: Loose,
  event: RawResponseEvent,
) {
  const approval = stringField(item, 'type') === 'mcp_approval_request';
  const call = registerTool(
    ctx,
    position,
    {
      tool_type: 'mcp',
      tool_call_id: position.itemId,
      status: approval ? 'awaiting_approval' : 'in_progress',
      tool_name: stringField(item, 'name') ?? 'mcp',
      server_label: stringField(item, 'server_label'),
    },
    position.itemId,
  );
  if (approval) {
    emitToolStatus(ctx, call, [], sequenceOf(event));
    const args = stringField(item, 'arguments');
    if (args) call.argumentsBuffer = args;
  }
}

/** Raw `response.mcp_call*` events: status, buffered arguments. Completion waits for the item's output. */
export function projectMcpEvent(ctx: ProjectionContext, event: RawResponseEvent): boolean {
  if (!event.type.startsWith('response.mcp_call')) return false;
  const call = ctx.state.tools.get(stringField(event, 'item_id') ?? '');
  if (!call) return true;
  const seq = sequenceOf(event);
  if (event.type === 'response.mcp_call.in_progress') setToolStatus(ctx, call, 'in_progress', seq);
  else if (event.type === 'response.mcp_call_arguments.delta')
    call.argumentsBuffer += stringField(event, 'delta') ?? '';
  else if (event.type === 'response.mcp_call_arguments.done') {
    flushArguments(ctx, call, stringField(event, 'arguments') ?? call.argumentsBuffer, seq);
  }
  return true;
}

/** The finished `mcp_call` item carries the server's output (or error): emit it, then close the call. */
export function finishMcpItem(
  ctx: ProjectionContext,
  position: ItemPosition,
  item: Loose,
  event: RawResponseEvent,
) {
  const call = ctx.state.tools.get(position.itemId);
  const done = itemDoneBody(position, item);
  if (call && stringField(item, 'type') === 'mcp_approval_request') {
    // The item stays open while the call waits for a decision; the approved call closes it.
    call.pendingItemDone = { ...done, status: 'completed' };
    return;
  }
  if (call && stringField(item, 'type') === 'mcp_call') {
    flushArguments(ctx, call, stringField(item, 'arguments') ?? call.argumentsBuffer, sequenceOf(event));
    const error = item.error;
    call.pendingItemDone = null;
    finishToolCall(ctx, call, item.output ?? (error ? { error } : null), Boolean(error));
  }
  ctx.emit('output_item.done', done, sequenceOf(event));
}
