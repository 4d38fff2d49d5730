/**
 * Seeding helpers and a test session issuer for the identity service tests.
 * Test-only; excluded from the published build.
 */
import { randomUUID } from 'node:crypto';
import { asId, type TenantId } from '@starter/contracts';
import type { Kysely } from 'kysely';
import type { TenantRole } from '../authorization/tenant-roles.js';
import { createMembershipsRepository } from '../repositories/memberships-repository.js';
import { type CreateTenantInput, createTenantsRepository } from '../repositories/tenants-repository.js';
import { type CreateUserInput, createUsersRepository } from '../repositories/users-repository.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import type { IssueSession } from '../session-issuing/session-issuer.js';
import type { TokenService } from '../tokens/token-service.js';

/** Creates a tenant; the slug defaults to a unique one. */
export async function seedTenant(
  db: Kysely<IdentityDatabase>,
  input: Partial<CreateTenantInput> & { name: string },
) {
  const slug = input.slug ?? `t-${randomUUID().slice(0, 8)}`;
  return (await createTenantsRepository(db).create({ ...input, slug })).tenant;
}

/** Creates a user with a unique email (unless given) and, optionally, a tenant membership. */
export async function seedUser(
  db: Kysely<IdentityDatabase>,
  options: {
    user?: Partial<CreateUserInput['user']>;
    profile?: CreateUserInput['profile'];
    membership?: { tenantId: TenantId; role: TenantRole };
  } = {},
) {
  const { user } = await createUsersRepository(db).create({
    user: { email: `${randomUUID()}@example.com`, password_hash: null, ...options.user },
    ...(options.profile ? { profile: options.profile } : {}),
  });
  if (options.membership) {
    await createMembershipsRepository(db).add(options.membership.tenantId, {
      userId: user.id,
      role: options.membership.role,
    });
  }
  return user;
}

/** A tenant owned by a fresh user (password-less). */
export async function seedTenantWithOwner(db: Kysely<IdentityDatabase>, name = 'Team') {
  const owner = await seedUser(db);
  const tenant = await seedTenant(db, {
    name,
    slug: `team-${randomUUID().slice(0, 8)}`,
    ownerUserId: owner.id,
  });
  return { tenant, owner };
}

/** A small real session issuer: signs access and refresh tokens as the session service would. */
export function createTestIssueSession(
  tokens: TokenService,
  options: { roles: string[]; emailVerified: boolean },
): IssueSession {
  return async ({ userId, tenantId }) => {
    const sessionId = asId<'SessionId'>(randomUUID());
    const base = {
      userId,
      tenantId,
      scopes: ['conversations:read'],
      emailVerified: options.emailVerified,
      sessionId,
    };
    const access = await tokens.signAccessToken({ ...base, roles: options.roles });
    const refresh = await tokens.signRefreshToken(base);
    return {
      access_token: access.token,
      refresh_token: refresh.token,
      token_type: 'bearer',
      expires_at: access.expiresAt.toISOString(),
      refresh_expires_at: refresh.expiresAt.toISOString(),
      kid: access.kid,
      refresh_kid: refresh.kid,
      scopes: base.scopes,
      tenant_id: tenantId,
      user_id: userId,
      email_verified: options.emailVerified,
      session_id: sessionId,
    };
  };
}
