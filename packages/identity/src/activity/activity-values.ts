import type { ActivityActorType, ActivityStatus } from '../schema/activity-tables.js';

/** Closed value lists of `activity_events`, shared by the migration's CHECKs and the recorder. */
export const ACTIVITY_ACTOR_TYPES = [
  'user',
  'service_account',
  'operator',
  'system',
] as const satisfies readonly ActivityActorType[];

export const ACTIVITY_STATUSES = ['success', 'failure'] as const satisfies readonly ActivityStatus[];
