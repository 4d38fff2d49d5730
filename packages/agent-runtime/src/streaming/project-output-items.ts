import type { RawResponseEvent } from './agent-stream-event.js';
import {
  emitItemAdded,
  itemDoneBody,
  positionOf,
  recordField,
  sequenceOf,
  stringField,
} from './output-items.js';
import { finishFunctionCallItem, startFunctionCall } from './project-function-tools.js';
import { finishHostedCall, isHostedToolItem, startHostedCall } from './project-hosted-tools.js';
import { finishMcpItem, startMcpCall } from './project-mcp-tools.js';
import type { ProjectionContext } from './projector-state.js';

type Loose = Record<string, unknown>;

const FUNCTION_ITEMS = new Set(['function_call', 'custom_tool_call']);
const MCP_ITEMS = new Set(['mcp_call', 'mcp_approval_request']);

function messageText(item: Loose): string | null {
  if (!Array.isArray(item.content)) return null;
  const parts = (item.content as unknown[]).flatMap((part) => {
    const record = typeof part === 'object' && part !== null ? (part as Loose) : {};
    return record.type === 'output_text' && typeof record.text === 'string' ? [record.text] : [];
  });
  return parts.length > 0 ? parts.join('') : null;
}

function itemAdded(ctx: ProjectionContext, event: RawResponseEvent): void {
  const item = recordField(event, 'item');
  const id = stringField(item, 'id');
  const type = stringField(item, 'type') ?? 'unknown';
  if (!id) return;
  // Handoffs are reported as `agent.updated`; their transfer call is plumbing, not transcript.
  if (FUNCTION_ITEMS.has(type) && ctx.options.isHandoffTool(stringField(item, 'name') ?? '')) {
    ctx.state.hiddenItems.add(id);
    return;
  }
  const answered = ctx.state.callIds.get(stringField(item, 'approval_request_id') ?? '');
  if (type === 'mcp_call' && answered) {
    // The call the user approved continues the approval request's item instead of opening a new one.
    ctx.state.items.set(id, answered.position);
    ctx.state.tools.set(id, answered);
    return;
  }
  const position = positionOf(ctx, id, type);
  emitItemAdded(ctx, position, item, event);
  if (FUNCTION_ITEMS.has(type)) startFunctionCall(ctx, position, item, event);
  else if (MCP_ITEMS.has(type)) startMcpCall(ctx, position, item, event);
  else if (isHostedToolItem(type)) startHostedCall(ctx, position, item);
}

function itemDone(ctx: ProjectionContext, event: RawResponseEvent): void {
  const item = recordField(event, 'item');
  const id = stringField(item, 'id');
  const type = stringField(item, 'type') ?? 'unknown';
  if (!id || ctx.state.hiddenItems.has(id)) return;
  const position = positionOf(ctx, id, type);
  const call = ctx.state.tools.get(id);
  if (FUNCTION_ITEMS.has(type) && call) {
    finishFunctionCallItem(ctx, call, item, event);
    return;
  }
  if (MCP_ITEMS.has(type)) {
    finishMcpItem(ctx, position, item, event);
    return;
  }
  if (call) finishHostedCall(ctx, call, item, event);
  if (type === 'message') {
    const text = messageText(item) ?? ctx.state.messageText.get(id) ?? null;
    if (text !== null) ctx.state.lastMessageText = text;
  }
  ctx.emit('output_item.done', itemDoneBody(position, item), sequenceOf(event));
}

/** `response.output_item.added` / `.done`: transcript items, and the tool states they start or close. */
export function projectOutputItemEvent(ctx: ProjectionContext, event: RawResponseEvent): boolean {
  if (event.type === 'response.output_item.added') itemAdded(ctx, event);
  else if (event.type === 'response.output_item.done') itemDone(ctx, event);
  else return false;
  return true;
}
