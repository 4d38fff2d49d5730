import type { TenantId, UserId } from '@starter/contracts';
import type { Kysely } from 'kysely';
import { inTransaction } from '../repositories/in-transaction.js';
import { createSecurityEventsRepository } from '../repositories/security-events-repository.js';
import { createSessionsRepository } from '../repositories/sessions-repository.js';
import { createUsersRepository } from '../repositories/users-repository.js';
import type { IdentityDatabase } from '../schema/identity-database.js';

/** Outcome of disabling an account: done, or refused because a tenant would lose its last active owner. */
export type DisableAccountResult =
  | { status: 'disabled'; revokedSessions: number }
  | { status: 'last_owner'; tenantIds: TenantId[] };

/**
 * Disables a user, revokes every session and records the event, in one transaction, unless the user is
 * the last active owner of a tenant (spec §7.8). The tenants' owner rows are locked first, so two owners
 * disabling themselves at once cannot leave a tenant without one.
 */
export function disableAccount(db: Kysely<IdentityDatabase>, userId: UserId): Promise<DisableAccountResult> {
  return inTransaction(db, async (trx): Promise<DisableAccountResult> => {
    const owned = await trx
      .selectFrom('tenant_user_memberships')
      .select('tenant_id')
      .where('user_id', '=', userId)
      .where('role', '=', 'owner')
      .execute();
    if (owned.length > 0) {
      const tenantIds = owned.map((row) => row.tenant_id);
      const owners = await trx
        .selectFrom('tenant_user_memberships')
        .select(['tenant_id', 'user_id'])
        .where('tenant_id', 'in', tenantIds)
        .where('role', '=', 'owner')
        .orderBy('id')
        .forUpdate()
        .execute();
      const otherIds = [...new Set(owners.map((row) => row.user_id).filter((id) => id !== userId))];
      const active =
        otherIds.length === 0
          ? []
          : await trx
              .selectFrom('users')
              .select('id')
              .where('id', 'in', otherIds)
              .where('status', '<>', 'disabled')
              .execute();
      const activeIds = new Set(active.map((row) => row.id));
      const orphaned = tenantIds.filter(
        (tenantId) => !owners.some((row) => row.tenant_id === tenantId && activeIds.has(row.user_id)),
      );
      if (orphaned.length > 0) return { status: 'last_owner', tenantIds: orphaned };
    }
    await createUsersRepository(trx).updateStatus(userId, 'disabled');
    const counts = await createSessionsRepository(trx).revokeAllForUser(userId, 'user_disabled');
    await createSecurityEventsRepository(trx).record({
      eventType: 'account_disabled',
      userId,
      metadata: { revoked_sessions: counts.sessions },
    });
    return { status: 'disabled', revokedSessions: counts.sessions };
  });
}
