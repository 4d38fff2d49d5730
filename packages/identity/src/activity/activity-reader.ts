import type { TenantId, UserId } from '@starter/contracts';

/** Who reads the feed: receipts are per user, events per tenant; both come from the verified token. */
export interface ActivityReader {
  tenantId: TenantId;
  userId: UserId;
}

/** A user's state of one event (spec §1.15). */
export type ActivityReadState = 'unread' | 'read' | 'dismissed';

/** The read states, for schemas and filters. */
export const ACTIVITY_READ_STATES = [
  'unread',
  'read',
  'dismissed',
] as const satisfies readonly ActivityReadState[];
