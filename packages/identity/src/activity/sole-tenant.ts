import type { TenantId, UserId } from '@starter/contracts';
import type { Kysely } from 'kysely';
import { createMembershipsRepository } from '../repositories/memberships-repository.js';
import type { IdentityDatabase } from '../schema/identity-database.js';

/**
 * The user's tenant when they belong to exactly one; null otherwise. Events without a tenant context
 * (a failed login, a token reset) are logged only when this makes their tenant unambiguous.
 */
export async function soleTenantOf(db: Kysely<IdentityDatabase>, userId: UserId): Promise<TenantId | null> {
  const memberships = await createMembershipsRepository(db).listByUser(userId);
  return memberships.length === 1 ? (memberships[0]?.tenant_id ?? null) : null;
}
