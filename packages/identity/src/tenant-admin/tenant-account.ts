import { AppError } from '@starter/contracts';
import type { Kysely } from 'kysely';
import { createTenantsRepository } from '../repositories/tenants-repository.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import type { TenantCaller } from './caller-context.js';
import type { RenameTenantBody } from './tenant-admin-schemas.js';
import { type TenantAccountPayload, tenantAccountPayload } from './tenant-payloads.js';

/** GET / PATCH /tenants/account. */
export interface TenantAccount {
  getAccount(caller: TenantCaller): Promise<TenantAccountPayload>;
  renameAccount(caller: TenantCaller, body: RenameTenantBody): Promise<TenantAccountPayload>;
}

/** Creates the self-service account view of the caller's tenant. */
export function createTenantAccount(deps: { db: Kysely<IdentityDatabase> }): TenantAccount {
  const tenants = createTenantsRepository(deps.db);
  const found = <T>(row: T | undefined): T => {
    if (row === undefined) throw new AppError('NotFound', 'Tenant not found.');
    return row;
  };
  return {
    getAccount: async (caller) => tenantAccountPayload(found(await tenants.findById(caller.tenantId))),
    renameAccount: async (caller, body) =>
      tenantAccountPayload(found(await tenants.update(caller.tenantId, { name: body.name }))),
  };
}
