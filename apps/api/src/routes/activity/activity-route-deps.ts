import type { KeyValueStore } from '@starter/contracts';
import type { ActivityReader, ActivityReceipts } from '@starter/identity';
import type { Context } from 'hono';
import type { Authorizer } from '../../auth/index.js';
import type { IdentityDb } from '../../dependencies/identity.js';
import type { AppEnv } from '../../http/app-env.js';

/** What the activity routes (spec §1.15) run on. */
export interface ActivityRouteDeps {
  db: IdentityDb;
  receipts: ActivityReceipts;
  kv: KeyValueStore;
  /** ENABLE_ACTIVITY_STREAM: without it nothing is published, so the stream route answers 503. */
  streamEnabled: boolean;
  /** Idle time after which the stream sends a `:` comment (15 s; shorter in tests). */
  keepaliveMs: number;
  authorizer: Authorizer;
}

/** Mount point of the activity routes. */
export const ACTIVITY_PATH = '/api/v1/activity';

/** S(activity:read) + tenant context: the tenant comes from the verified token, any member role. */
export const ACTIVITY_READ = { kind: 'T', role: 'viewer', scopes: ['activity:read'] } as const;

/** The reader of a request: the token's user in the resolved tenant. */
export function activityReader(c: Context<AppEnv>): ActivityReader {
  return { tenantId: c.get('tenant').tenantId, userId: c.get('auth').userId };
}

/** JSON content of one schema. */
export const json = <T>(schema: T) => ({ 'application/json': { schema } });
