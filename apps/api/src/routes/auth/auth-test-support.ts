import { randomUUID } from 'node:crypto';
import type { TenantId, UserId } from '@starter/contracts';
import type { TenantRole, UserStatus } from '@starter/identity';
import type { AppDependencies } from '../../dependencies/index.js';

/** Anything with Hono's `request` (the app under test). */
export interface RequestApp {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** A user created straight through the identity repositories (no signup route exists yet). */
export interface TestMember {
  userId: UserId;
  tenantId: TenantId;
  email: string;
  password: string;
}

/** Options of `createMember`. */
export interface MemberOptions {
  role?: TenantRole;
  /** Join this tenant instead of creating a new one. */
  tenantId?: TenantId;
  status?: UserStatus;
  emailVerified?: boolean;
}

/** Creates a tenant (unless given) and a user with a password and a membership in it. */
export async function createMember(deps: AppDependencies, options: MemberOptions = {}): Promise<TestMember> {
  const { repositories, passwords } = deps.identity;
  const email = `user-${randomUUID()}@example.com`;
  const password = `Correct-Horse-${randomUUID()}`;
  const { user } = await repositories.users.create({
    user: {
      email,
      password_hash: await passwords.hash(password),
      status: options.status ?? 'active',
      email_verified_at: options.emailVerified === false ? null : new Date(),
      locked_until: null,
      platform_role: null,
      password_changed_at: null,
      last_login_at: null,
    },
  });
  let tenantId = options.tenantId;
  if (tenantId === undefined) {
    const slug = `t-${randomUUID().slice(0, 8)}`;
    const { tenant } = await repositories.tenants.create({ name: slug, slug, status: 'active' });
    tenantId = tenant.id;
  }
  await repositories.memberships.add(tenantId, { userId: user.id, role: options.role ?? 'owner' });
  return { userId: user.id, tenantId, email, password };
}

/** POSTs JSON from a given client IP. */
export function postJson(
  app: RequestApp,
  path: string,
  body: unknown,
  init: { ip?: string; token?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent':
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 Chrome/120.0 Safari/537.36',
    'x-forwarded-for': init.ip ?? '198.51.100.7',
  };
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  return Promise.resolve(app.request(path, { method: 'POST', headers, body: JSON.stringify(body) }));
}

/** Logs a member in and returns the session tokens (fails the test on anything but 200). */
export async function loginTokens(
  app: RequestApp,
  member: TestMember,
  ip?: string,
): Promise<{ access_token: string; refresh_token: string; session_id: string; [key: string]: unknown }> {
  const response = await postJson(
    app,
    '/api/v1/auth/token',
    { email: member.email, password: member.password },
    ip === undefined ? {} : { ip },
  );
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { access_token: string; refresh_token: string; session_id: string };
}

/** GETs a path with a bearer token. */
export function getWithToken(app: RequestApp, path: string, token: string): Promise<Response> {
  return Promise.resolve(app.request(path, { headers: { authorization: `Bearer ${token}` } }));
}
