import { createHash } from 'node:crypto';

// Ids are used verbatim when they are plainly safe as one key segment (uuids, `chat_<hex>`); anything
// else (slashes, dots-only, unicode) is replaced by a digest so no id can escape its tenant's prefix.
const SAFE_SEGMENT = /^[A-Za-z0-9_:-][A-Za-z0-9_.:-]{0,127}$/;

function segment(id: string): string {
  return SAFE_SEGMENT.test(id) ? id : `h_${createHash('sha256').update(id).digest('hex').slice(0, 40)}`;
}

/** Prefix of every spilled object of one conversation, under its tenant. */
export function ledgerConversationPrefix(tenantId: string, conversationId: string): string {
  return `ledger/${segment(tenantId)}/${segment(conversationId)}/`;
}

/** Object key of one spilled frame: `ledger/<tenant>/<conversation>/<stream>/<event_id>.json.gz`. */
export function ledgerObjectKey(
  tenantId: string,
  conversationId: string,
  streamId: string,
  eventId: number,
): string {
  return `${ledgerConversationPrefix(tenantId, conversationId)}${segment(streamId)}/${eventId}.json.gz`;
}
