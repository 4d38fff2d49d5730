import { AppError } from '@starter/contracts';
import type { Kysely } from 'kysely';
import type { ActivityRecorder } from '../activity/activity-recorder.js';
import { inTransaction } from '../repositories/in-transaction.js';
import { createTenantsRepository } from '../repositories/tenants-repository.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import type { TenantCaller } from './caller-context.js';
import { recordTenantAccountUpdated } from './tenant-account-activity.js';
import type { RenameTenantBody } from './tenant-admin-schemas.js';
import { type TenantAccountPayload, tenantAccountPayload } from './tenant-payloads.js';

/** GET / PATCH /tenants/account. */
export interface TenantAccount {
  getAccount(caller: TenantCaller): Promise<TenantAccountPayload>;
  renameAccount(caller: TenantCaller, body: RenameTenantBody): Promise<TenantAccountPayload>;
}

/** Creates the self-service account view of the caller's tenant; a rename is logged as `tenant.account.updated`. */
export function createTenantAccount(deps: {
  db: Kysely<IdentityDatabase>;
  activity?: ActivityRecorder;
}): TenantAccount {
  const tenants = createTenantsRepository(deps.db);
  const found = <T>(row: T | undefined): T => {
    if (row === undefined) throw new AppError('NotFound', 'Tenant not found.');
    return row;
  };
  return {
    getAccount: async (caller) => tenantAccountPayload(found(await tenants.findById(caller.tenantId))),
    renameAccount: async (caller, body) => {
      const current = found(await tenants.findById(caller.tenantId));
      const renamed = await inTransaction(deps.db, async (trx) => {
        const row = found(await createTenantsRepository(trx).update(caller.tenantId, { name: body.name }));
        const fields = row.name === current.name ? [] : ['name'];
        await recordTenantAccountUpdated(
          deps.activity,
          trx,
          caller,
          { type: 'tenant', name: row.name },
          fields,
        );
        return row;
      });
      return tenantAccountPayload(renamed);
    },
  };
}
