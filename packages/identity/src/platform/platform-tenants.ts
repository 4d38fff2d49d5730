import { AppError, asId, type TenantId } from '@starter/contracts';
import type { Kysely } from 'kysely';
import type { ActivityRecorder } from '../activity/activity-recorder.js';
import { inTransaction } from '../repositories/in-transaction.js';
import { isUuid } from '../repositories/is-uuid.js';
import { createTenantsRepository } from '../repositories/tenants-repository.js';
import type { IdentityDatabase, TenantAccountRow } from '../schema/identity-database.js';
import { slugify, suffixedSlug } from '../signup/tenant-slug.js';
import { type AccountCaller, actorOf } from '../tenant-admin/caller-context.js';
import {
  offsetPagePayload,
  type TenantAccountPayload,
  tenantAccountPayload,
} from '../tenant-admin/tenant-payloads.js';
import type {
  CreatePlatformTenantBody,
  ListPlatformTenantsQuery,
  TenantStatusReasonBody,
  UpdatePlatformTenantBody,
} from './platform-schemas.js';

/** Dependencies of the operator tenant routes. */
export interface PlatformTenantsDeps {
  db: Kysely<IdentityDatabase>;
  /** Cancels the tenant's subscription immediately; absent when billing is off. A failure is surfaced. */
  cancelBilling?: (tenantId: TenantId) => Promise<void>;
  /** The tenant activity log; lifecycle changes are not logged there without one. */
  activity?: ActivityRecorder;
}

/** The operator's tenant lifecycle routes (spec §1.10). */
export interface PlatformTenants {
  listTenants(
    query: ListPlatformTenantsQuery,
  ): Promise<ReturnType<typeof offsetPagePayload<TenantAccountPayload>>>;
  createTenant(caller: AccountCaller, body: CreatePlatformTenantBody): Promise<TenantAccountPayload>;
  getTenant(tenantId: string): Promise<TenantAccountPayload>;
  updateTenant(tenantId: string, body: UpdatePlatformTenantBody): Promise<TenantAccountPayload>;
  suspendTenant(
    caller: AccountCaller,
    tenantId: string,
    body: TenantStatusReasonBody,
  ): Promise<TenantAccountPayload>;
  reactivateTenant(
    caller: AccountCaller,
    tenantId: string,
    body: TenantStatusReasonBody,
  ): Promise<TenantAccountPayload>;
  /** Deprovisioning → deprovisioned; an already deprovisioned tenant is returned unchanged. */
  deprovisionTenant(
    caller: AccountCaller,
    tenantId: string,
    body: TenantStatusReasonBody,
  ): Promise<TenantAccountPayload>;
}

/** Creates the operator tenant routes; every status change records the reason and the acting operator. */
export function createPlatformTenants(deps: PlatformTenantsDeps): PlatformTenants {
  const tenants = createTenantsRepository(deps.db);

  const find = async (tenantId: string): Promise<TenantAccountRow> => {
    const row = isUuid(tenantId) ? await tenants.findById(asId<'TenantId'>(tenantId)) : undefined;
    if (!row) throw new AppError('NotFound', 'Tenant not found.');
    return row;
  };

  /** Applies a transition allowed only from `from`; 409 naming the current status otherwise. */
  const transition = async (
    caller: AccountCaller,
    tenantId: string,
    change: {
      status: 'active' | 'suspended' | 'deprovisioning' | 'deprovisioned';
      reason: string;
      from: TenantAccountRow['status'][];
    },
  ): Promise<TenantAccountRow> => {
    const current = await find(tenantId);
    // The status change and its activity row commit together, so the log never shows a change that was not made.
    const row = await inTransaction(deps.db, async (trx) => {
      const updated = await createTenantsRepository(trx).updateStatus(current.id, {
        ...change,
        actor: actorOf(caller),
      });
      if (updated) {
        await deps.activity?.record(
          {
            action: 'tenant.lifecycle',
            tenantId: updated.id,
            actor: { type: 'operator', id: caller.userId },
            object: { type: 'tenant', id: updated.id, name: updated.name },
            origin: caller.origin,
            metadata: { status: change.status, previous_status: current.status, reason: change.reason },
          },
          trx,
        );
      }
      return updated;
    });
    if (!row) {
      const now = await find(tenantId);
      throw new AppError('Conflict', `Tenant is ${now.status}; it cannot become ${change.status}.`);
    }
    return row;
  };

  return {
    async listTenants(query) {
      const page = await tenants.list({
        limit: query.limit,
        offset: query.offset,
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.q === undefined ? {} : { q: query.q }),
      });
      return offsetPagePayload(page.items.map(tenantAccountPayload), page.total, query);
    },

    async createTenant(caller, body) {
      let slug = body.slug;
      if (slug === undefined) {
        const base = slugify(body.name);
        slug = (await tenants.findBySlug(base)) ? suffixedSlug(base) : base;
      }
      const tenant = await inTransaction(deps.db, async (trx) => {
        const created = await createTenantsRepository(trx).create({
          name: body.name,
          slug,
          createdBy: actorOf(caller),
        });
        await deps.activity?.record(
          {
            action: 'tenant.account.created',
            tenantId: created.tenant.id,
            actor: { type: 'operator', id: caller.userId },
            object: { type: 'tenant', id: created.tenant.id, name: created.tenant.name },
            origin: caller.origin,
            metadata: { slug: created.tenant.slug },
          },
          trx,
        );
        return created.tenant;
      });
      return tenantAccountPayload(tenant);
    },

    getTenant: async (tenantId) => tenantAccountPayload(await find(tenantId)),

    async updateTenant(tenantId, body) {
      const current = await find(tenantId);
      const row = await tenants.update(current.id, {
        ...(body.name === undefined ? {} : { name: body.name }),
        ...(body.slug === undefined ? {} : { slug: body.slug }),
      });
      if (!row) throw new AppError('NotFound', 'Tenant not found.');
      return tenantAccountPayload(row);
    },

    suspendTenant: async (caller, tenantId, body) =>
      tenantAccountPayload(
        await transition(caller, tenantId, { status: 'suspended', reason: body.reason, from: ['active'] }),
      ),

    reactivateTenant: async (caller, tenantId, body) =>
      tenantAccountPayload(
        await transition(caller, tenantId, { status: 'active', reason: body.reason, from: ['suspended'] }),
      ),

    async deprovisionTenant(caller, tenantId, body) {
      const current = await find(tenantId);
      if (current.status === 'deprovisioned') return tenantAccountPayload(current);
      // The intermediate status blocks the tenant (spec §7.9) while billing is being cancelled; when the
      // cancellation fails the tenant stays there, visibly unfinished, and the operator can retry.
      const started =
        current.status === 'deprovisioning'
          ? current
          : await transition(caller, tenantId, {
              status: 'deprovisioning',
              reason: body.reason,
              from: ['provisioning', 'active', 'suspended'],
            });
      if (deps.cancelBilling) await deps.cancelBilling(started.id);
      return tenantAccountPayload(
        await transition(caller, tenantId, {
          status: 'deprovisioned',
          reason: body.reason,
          from: ['deprovisioning'],
        }),
      );
    },
  };
}
