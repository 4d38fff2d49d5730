import type { TenantId, UserId } from '@starter/contracts';
import { type Kysely, sql } from 'kysely';
import type { IdentityDatabase } from '../schema/identity-database.js';

/** The `GET /users/me` profile (spec §1.9). */
export interface ProfileView {
  user_id: UserId;
  tenant_id: TenantId | null;
  email: string;
  display_name: string | null;
  given_name: string | null;
  family_name: string | null;
  avatar_url: string | null;
  timezone: string | null;
  locale: string | null;
  /** The caller's role in the token's tenant; null without a tenant or membership. */
  role: string | null;
  email_verified: boolean;
}

/**
 * Reads the profile view in one query: the user, its (optional) profile row and its role in `tenantId`
 * (none without a tenant). `/users/me` is a hot read; three lookups cost three round trips per request.
 */
export async function findProfileView(
  db: Kysely<IdentityDatabase>,
  userId: UserId,
  tenantId: TenantId | null,
): Promise<ProfileView | undefined> {
  const row = await db
    .selectFrom('users as u')
    .leftJoin('user_profiles as p', 'p.user_id', 'u.id')
    .leftJoin('tenant_user_memberships as m', (join) =>
      // Without a tenant the join matches nothing (an always-false condition keeps one query shape).
      tenantId === null
        ? join.on(sql<boolean>`false`)
        : join.onRef('m.user_id', '=', 'u.id').on('m.tenant_id', '=', tenantId),
    )
    .select([
      'u.id',
      'u.email',
      'u.email_verified_at',
      'p.display_name',
      'p.given_name',
      'p.family_name',
      'p.avatar_url',
      'p.timezone',
      'p.locale',
      'm.role',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    user_id: row.id,
    tenant_id: tenantId,
    email: row.email,
    display_name: row.display_name,
    given_name: row.given_name,
    family_name: row.family_name,
    avatar_url: row.avatar_url,
    timezone: row.timezone,
    locale: row.locale,
    role: row.role,
    email_verified: row.email_verified_at !== null,
  };
}
