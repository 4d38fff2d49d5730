import { randomUUID } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { asId, type UserId } from '@starter/contracts';
import { AUTHZ_MESSAGES } from '@starter/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDependencies, type TestDependencies } from '../dependencies/create-test-dependencies.js';
import type { AppEnv } from '../http/app-env.js';
import { validationHook } from '../http/errors/validation-hook.js';
import { applyHttpStack } from '../http/http-stack.js';
import { createMember } from '../routes/auth/auth-test-support.js';
import type { AuthRequirement } from './auth-requirement.js';
import { createAuthorizer } from './authorizer.js';

describe('createAuthorizer', () => {
  let deps: TestDependencies;
  let app: OpenAPIHono<AppEnv>;

  beforeAll(async () => {
    deps = await createTestDependencies({}, undefined, { migrate: true });
    app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
    applyHttpStack(app, {
      logger: deps.logger,
      metrics: deps.metrics,
      cors: deps.settings.cors,
      maxBodyBytes: deps.settings.maxRequestBodyBytes,
      bodyLimitOverrides: [],
    });
    const authorizer = createAuthorizer({
      tokens: deps.identity.tokens,
      requireEmailVerification: true,
      loadTenant: async (id) => (await deps.identity.repositories.tenants.findById(id)) ?? null,
      logger: deps.logger,
    });
    const rules: Record<string, AuthRequirement> = {
      at: { kind: 'AT' },
      v: { kind: 'V' },
      s: { kind: 'S', scopes: ['billing:manage'] },
      sdeg: { kind: 'S°', scopes: ['conversations:read'] },
      admin: { kind: 'T', role: 'admin' },
      op: { kind: 'OP' },
    };
    for (const [name, rule] of Object.entries(rules)) {
      const route = authorizer.protect(
        createRoute({
          method: 'get',
          path: `/probe/${name}`,
          responses: {
            200: { description: 'ok', content: { 'application/json': { schema: z.object({}) } } },
          },
        }),
        rule,
      );
      app.openapi(route, (c) =>
        c.json({ user: c.get('auth').userId, tenant: c.get('tenant')?.tenantId ?? null }, 200),
      );
    }
    expect(() => authorizer.authorize({ kind: 'S', scopes: [] })).toThrow(TypeError);
  });
  afterAll(async () => {
    await deps.dispose();
  });

  async function tokenFor(input: {
    userId: string;
    tenantId: string | null;
    roles: string[];
    scopes: string[];
    verified: boolean;
  }) {
    const signed = await deps.identity.tokens.signAccessToken({
      userId: input.userId,
      tenantId: input.tenantId,
      roles: input.roles,
      scopes: input.scopes,
      emailVerified: input.verified,
      sessionId: randomUUID(),
    });
    return signed.token;
  }

  const call = (path: string, token: string, headers: Record<string, string> = {}) =>
    app.request(path, { headers: { authorization: `Bearer ${token}`, ...headers } });

  it('checks email verification for V and S but not for AT and S°', async () => {
    const userId = asId<'UserId'>(randomUUID()) as UserId;
    const unverified = await tokenFor({
      userId,
      tenantId: null,
      roles: [],
      scopes: ['conversations:read', 'billing:manage'],
      verified: false,
    });
    expect((await call('/probe/at', unverified)).status).toBe(200);
    expect((await call('/probe/sdeg', unverified)).status).toBe(200);
    const v = await call('/probe/v', unverified);
    expect(v.status).toBe(403);
    expect(await v.json()).toMatchObject({ message: AUTHZ_MESSAGES.emailVerificationRequired });
    expect((await call('/probe/s', unverified)).status).toBe(403);
  });

  it('checks scopes for S and the operator scope for OP', async () => {
    const userId = randomUUID();
    const viewer = await tokenFor({
      userId,
      tenantId: null,
      roles: [],
      scopes: ['conversations:read'],
      verified: true,
    });
    const missing = await call('/probe/s', viewer);
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ message: AUTHZ_MESSAGES.insufficientScopes });
    expect((await call('/probe/op', viewer)).status).toBe(403);
    const operator = await tokenFor({
      userId,
      tenantId: null,
      roles: [],
      scopes: ['platform:operator'],
      verified: true,
    });
    expect((await call('/probe/op', operator)).status).toBe(200);
    const wildcard = await tokenFor({
      userId,
      tenantId: null,
      roles: [],
      scopes: ['billing:*'],
      verified: true,
    });
    expect((await call('/probe/s', wildcard)).status).toBe(200);
  });

  it('resolves the tenant for T: token tenant wins, mismatched header 403, role floor enforced', async () => {
    const admin = await createMember(deps, { role: 'admin' });
    const other = await createMember(deps);
    const token = await tokenFor({
      userId: admin.userId,
      tenantId: admin.tenantId,
      roles: ['admin'],
      scopes: [],
      verified: true,
    });
    const ok = await call('/probe/admin', token);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ user: admin.userId, tenant: admin.tenantId });
    const mismatch = await call('/probe/admin', token, { 'X-Tenant-Id': other.tenantId });
    expect(mismatch.status).toBe(403);
    expect(await mismatch.json()).toMatchObject({ message: AUTHZ_MESSAGES.tenantMismatch });
    const downScoped = await call('/probe/admin', token, { 'X-Tenant-Role': 'member' });
    expect(downScoped.status).toBe(403);
    expect(await downScoped.json()).toMatchObject({ message: AUTHZ_MESSAGES.insufficientRole });

    const headerless = await tokenFor({
      userId: admin.userId,
      tenantId: null,
      roles: ['admin'],
      scopes: [],
      verified: true,
    });
    expect((await call('/probe/admin', headerless)).status).toBe(401);
    expect((await call('/probe/admin', headerless, { 'X-Tenant-Id': randomUUID() })).status).toBe(404);
  });
});
