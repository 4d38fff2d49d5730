import type { AppDependencies } from '../../dependencies/index.js';
import { postJson, type RequestApp, type TestMember } from '../auth/auth-test-support.js';

/** Gives a member the platform operator role; their next login carries the operator scopes. */
export async function makeOperator(deps: AppDependencies, member: TestMember): Promise<void> {
  await deps.identity.db
    .updateTable('users')
    .set({ platform_role: 'platform_operator' })
    .where('id', '=', member.userId)
    .execute();
}

/** Logs a member into one tenant (needed once they belong to several) and returns the access token. */
export async function accessToken(
  app: RequestApp,
  member: TestMember,
  tenantId = member.tenantId,
): Promise<string> {
  const response = await postJson(app, '/api/v1/auth/token', {
    email: member.email,
    password: member.password,
    tenant_id: tenantId,
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Sends a JSON request with a bearer token and extra headers. */
export function send(
  app: RequestApp,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const init: RequestInit = { method: method.toUpperCase(), headers };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  return Promise.resolve(app.request(path, init));
}
