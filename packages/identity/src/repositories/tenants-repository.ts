import { AppError, type TenantId, type UserId } from '@starter/contracts';
import { type Kysely, sql } from 'kysely';
import type {
  IdentityDatabase,
  MembershipRow,
  TenantAccountRow,
  TenantSettingsRow,
} from '../schema/identity-database.js';
import type { TenantStatus } from '../schema/identity-enums.js';
import { inTransaction } from './in-transaction.js';
import { escapeLike, type OffsetPage, offsetPageOf, type PageWindow } from './offset-page.js';
import { isUniqueViolation } from './unique-violation.js';

const SLUG_KEY = 'tenant_accounts_slug_key';

/** A new tenant; with `ownerUserId` the owner membership is created in the same transaction. */
export interface CreateTenantInput {
  name: string;
  slug: string;
  status?: TenantStatus;
  /** Who created it (`user:<uuid>`, `system`, …). */
  createdBy?: string | null;
  ownerUserId?: UserId;
}

/** A status transition with its audit fields; `from` makes it conditional on the current status. */
export interface TenantStatusChange {
  status: TenantStatus;
  reason: string | null;
  actor: string | null;
  /** Only change tenants currently in one of these statuses (e.g. never re-deprovision). */
  from?: readonly TenantStatus[];
}

/** Filters of the operator tenant list. */
export interface TenantListFilter extends PageWindow {
  status?: TenantStatus;
  /** Case-insensitive substring of the name or slug. */
  q?: string;
}

/** Data access for `tenant_accounts` (settings and memberships have their own repositories). */
export interface TenantsRepository {
  /** Creates tenant, default settings and optional owner membership in one transaction; 409 on slug collision. */
  create(input: CreateTenantInput): Promise<{
    tenant: TenantAccountRow;
    settings: TenantSettingsRow;
    ownerMembership: MembershipRow | null;
  }>;
  findById(id: TenantId): Promise<TenantAccountRow | undefined>;
  findBySlug(slug: string): Promise<TenantAccountRow | undefined>;
  /** Renames and/or re-slugs a tenant; 409 on slug collision. */
  update(id: TenantId, fields: { name?: string; slug?: string }): Promise<TenantAccountRow | undefined>;
  /** Moves a tenant to a new status; `undefined` when it does not exist or is not in `from`. */
  updateStatus(id: TenantId, change: TenantStatusChange): Promise<TenantAccountRow | undefined>;
  /** Newest first, filtered by status and a name/slug search, with the total count. */
  list(filter: TenantListFilter): Promise<OffsetPage<TenantAccountRow>>;
}

function slugTaken(error: unknown): never {
  if (isUniqueViolation(error, SLUG_KEY)) {
    throw new AppError('Conflict', 'A tenant with this slug already exists.', {
      cause: error,
      details: { field: 'slug' },
    });
  }
  throw error;
}

/** Creates the tenants repository over an identity database (or a transaction on one). */
export function createTenantsRepository(db: Kysely<IdentityDatabase>): TenantsRepository {
  const filtered = (filter: TenantListFilter) => {
    let query = db.selectFrom('tenant_accounts');
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    const q = filter.q?.trim();
    if (q) {
      const pattern = `%${escapeLike(q.toLowerCase())}%`;
      query = query.where((eb) =>
        eb.or([eb(sql`lower(name)`, 'like', pattern), eb(sql`lower(slug)`, 'like', pattern)]),
      );
    }
    return query;
  };

  return {
    create: (input) =>
      inTransaction(db, async (trx) => {
        const status = input.status ?? 'active';
        const tenant = await trx
          .insertInto('tenant_accounts')
          .values({
            name: input.name,
            slug: input.slug,
            status,
            created_by: input.createdBy ?? null,
            activated_at: status === 'active' ? sql<Date>`now()` : null,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch(slugTaken);
        const settings = await trx
          .insertInto('tenant_settings')
          .values({ tenant_id: tenant.id })
          .returningAll()
          .executeTakeFirstOrThrow();
        const ownerMembership =
          input.ownerUserId === undefined
            ? null
            : await trx
                .insertInto('tenant_user_memberships')
                .values({ tenant_id: tenant.id, user_id: input.ownerUserId, role: 'owner' })
                .returningAll()
                .executeTakeFirstOrThrow();
        return { tenant, settings, ownerMembership };
      }),

    findById: (id) => db.selectFrom('tenant_accounts').selectAll().where('id', '=', id).executeTakeFirst(),

    findBySlug: (slug) =>
      db.selectFrom('tenant_accounts').selectAll().where('slug', '=', slug.toLowerCase()).executeTakeFirst(),

    update: (id, fields) =>
      db
        .updateTable('tenant_accounts')
        .set({ ...fields, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst()
        .catch(slugTaken),

    updateStatus: (id, change) => {
      const now = sql<Date>`now()`;
      let query = db
        .updateTable('tenant_accounts')
        .set((eb) => ({
          status: change.status,
          status_reason: change.reason,
          status_actor: change.actor,
          status_changed_at: now,
          updated_at: now,
          activated_at:
            change.status === 'active' ? eb.fn.coalesce('activated_at', now) : eb.ref('activated_at'),
          suspended_at:
            change.status === 'suspended' ? now : change.status === 'active' ? null : eb.ref('suspended_at'),
          deprovisioned_at: change.status === 'deprovisioned' ? now : eb.ref('deprovisioned_at'),
        }))
        .where('id', '=', id);
      if (change.from !== undefined) {
        if (change.from.length === 0) return Promise.resolve(undefined);
        query = query.where('status', 'in', change.from);
      }
      return query.returningAll().executeTakeFirst();
    },

    list: async (filter) => {
      return offsetPageOf(
        filtered(filter)
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('id')
          .limit(filter.limit)
          .offset(filter.offset)
          .execute(),
        filtered(filter)
          .select((eb) => eb.fn.countAll().as('total'))
          .executeTakeFirst(),
      );
    },
  };
}
