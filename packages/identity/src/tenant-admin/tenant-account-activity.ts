import type { Kysely } from 'kysely';
import type { ActivityRecorder } from '../activity/activity-recorder.js';
import { isOperator } from '../authorization/is-operator.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import type { TenantCaller } from './caller-context.js';

/**
 * Records `tenant.account.updated` with the names of the changed fields (never their values) inside
 * the caller's transaction; nothing when no field changed or no recorder is wired.
 */
export async function recordTenantAccountUpdated(
  activity: ActivityRecorder | undefined,
  trx: Kysely<IdentityDatabase>,
  caller: TenantCaller,
  object: { type: 'tenant' | 'tenant_settings'; name?: string },
  fields: string[],
): Promise<void> {
  if (activity === undefined || fields.length === 0) return;
  const operator = isOperator(caller.scopes);
  await activity.record(
    {
      action: 'tenant.account.updated',
      tenantId: caller.tenantId,
      actor: { type: operator ? 'operator' : 'user', id: caller.userId, role: operator ? null : caller.role },
      object: {
        type: object.type,
        id: caller.tenantId,
        ...(object.name === undefined ? {} : { name: object.name }),
      },
      origin: caller.origin,
      metadata: { fields },
    },
    trx,
  );
}
