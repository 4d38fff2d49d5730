// The bench's users, seeded through the app's own identity repositories and password hasher.
import { randomUUID } from 'node:crypto';
import type { AppDependencies } from '@starter/api';

/** A seeded user a bench logs in as. */
export interface SeededUser {
  email: string;
  password: string;
}

/**
 * One active tenant; the first user owns it, the others are members; every email is verified, every
 * password hashed with the configured hasher (with the default cost, the production argon2id).
 */
export async function seedBenchTenant(
  deps: AppDependencies,
  count: number,
): Promise<{ tenantId: string; users: SeededUser[] }> {
  const { repositories, passwords } = deps.identity;
  const slug = `bench-${randomUUID().slice(0, 8)}`;
  const { tenant } = await repositories.tenants.create({ name: slug, slug, status: 'active' });
  const users: SeededUser[] = [];
  for (let index = 0; index < count; index++) {
    const email = `bench-${index}-${randomUUID().slice(0, 8)}@example.com`;
    const password = `Correct-Horse-${randomUUID()}`;
    const { user } = await repositories.users.create({
      user: {
        email,
        password_hash: await passwords.hash(password),
        status: 'active',
        email_verified_at: new Date(),
        locked_until: null,
        platform_role: null,
        password_changed_at: null,
        last_login_at: null,
      },
    });
    await repositories.memberships.add(tenant.id, {
      userId: user.id,
      role: index === 0 ? 'owner' : 'member',
    });
    users.push({ email, password });
  }
  return { tenantId: tenant.id, users };
}
