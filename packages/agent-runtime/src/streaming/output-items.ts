import type { RawResponseEvent } from './agent-stream-event.js';
import type { ItemPosition, ProjectionContext } from './projector-state.js';

type Loose = Record<string, unknown>;

/** Reads a record field of a raw event. */
export function recordField(source: Loose, key: string): Loose {
  const value = source[key];
  return typeof value === 'object' && value !== null ? (value as Loose) : {};
}

/** Reads a string field, or null. */
export function stringField(source: Loose, key: string): string | null {
  const value = source[key];
  return typeof value === 'string' ? value : null;
}

/** Reads a numeric field, or null. */
export function numberField(source: Loose, key: string): number | null {
  const value = source[key];
  return typeof value === 'number' ? value : null;
}

/** The provider sequence number of a raw event, for the envelope. */
export function sequenceOf(event: RawResponseEvent): { providerSequence?: number } {
  return typeof event.sequence_number === 'number' ? { providerSequence: event.sequence_number } : {};
}

// Public item types: reasoning items are shown as their summary, an MCP approval request as the MCP call
// it asks about (the approved call continues the same item), everything else keeps its API name.
function publicItemType(type: string): string {
  if (type === 'reasoning') return 'reasoning_summary';
  return type === 'mcp_approval_request' ? 'mcp_call' : type;
}

/**
 * The transcript position of a provider item, assigned on first sight. The projector numbers items
 * itself, across model responses, so a client's transcript keeps growing after a tool round trip
 * (the provider restarts `output_index` at 0 in every response).
 */
export function positionOf(ctx: ProjectionContext, itemId: string, type: string): ItemPosition {
  const known = ctx.state.items.get(itemId);
  if (known) return known;
  const position = { itemId, outputIndex: ctx.state.nextOutputIndex, itemType: publicItemType(type) };
  ctx.state.nextOutputIndex += 1;
  ctx.state.items.set(itemId, position);
  return position;
}

/** The item a raw event refers to by `item_id`, when it is a visible, known item. */
export function knownItem(ctx: ProjectionContext, event: RawResponseEvent): ItemPosition | null {
  const itemId = stringField(event, 'item_id');
  if (itemId === null || ctx.state.hiddenItems.has(itemId)) return null;
  return ctx.state.items.get(itemId) ?? null;
}

/** `output_item.added` with the item's role and status. */
export function emitItemAdded(
  ctx: ProjectionContext,
  position: ItemPosition,
  item: Loose,
  event: RawResponseEvent,
) {
  ctx.emit(
    'output_item.added',
    {
      output_index: position.outputIndex,
      item_id: position.itemId,
      item_type: position.itemType,
      ...(typeof item.role === 'string' ? { role: item.role } : {}),
      status: stringField(item, 'status') ?? 'in_progress',
    },
    sequenceOf(event),
  );
}

/** The body of `output_item.done`, also used when it is deferred. */
export function itemDoneBody(position: ItemPosition, item: Loose) {
  return {
    output_index: position.outputIndex,
    item_id: position.itemId,
    item_type: position.itemType,
    ...(typeof item.role === 'string' ? { role: item.role } : {}),
    status: stringField(item, 'status') ?? 'completed',
  };
}
