import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppError, asId, type TenantId } from '@starter/contracts';
import { createManualClock } from '@starter/providers/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivityRecorder } from '../activity/activity-recorder.js';
import type { TenantRole } from '../authorization/tenant-roles.js';
import { createSecretBox } from '../crypto/secret-box.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import {
  createIdentityTestContext,
  type IdentityTestContext,
  rejectionOf,
  seedTenant,
} from '../test-support/identity-test-context.js';
import type { TokenService } from '../tokens/token-service.js';
import { createIssuanceBurstLimiter } from './issuance-burst-limiter.js';
import type { ServiceAccountActor } from './service-account-actor.js';
import {
  createServiceAccountAdministration,
  type ServiceAccountAdministration,
} from './service-account-administration.js';
import {
  DEFAULT_SERVICE_ACCOUNT_CATALOG,
  loadServiceAccountCatalog,
  parseServiceAccountCatalog,
} from './service-account-catalog.js';
import { createServiceAccountIssuer, type IssueServiceAccountToken } from './service-account-issuer.js';
import {
  IssueServiceAccountBodySchema,
  ListServiceAccountTokensQuerySchema,
} from './service-account-schemas.js';

const rejection = rejectionOf;

describe('service accounts', { timeout: 60_000 }, () => {
  let context: IdentityTestContext;
  let db: Kysely<IdentityDatabase>;
  let tokens: TokenService;
  let issue: IssueServiceAccountToken;
  let admin: ServiceAccountAdministration;
  const clock = createManualClock(Date.now());
  const secretBox = createSecretBox('sa-secret-key');
  const pepper = 'refresh-pepper';

  beforeAll(async () => {
    context = await createIdentityTestContext({ clock });
    ({ db, tokens } = context);
    const make = () =>
      createServiceAccountIssuer({
        db,
        clock,
        tokens,
        catalog: DEFAULT_SERVICE_ACCOUNT_CATALOG,
        refreshTokenPepper: pepper,
        secretBox,
        // Generous limits here; the burst test below uses its own limiter.
        burstLimiter: createIssuanceBurstLimiter(clock, {
          perAccount: 1000,
          global: 1000,
          windowSeconds: 60,
        }),
      });
    issue = make();
    admin = createServiceAccountAdministration({
      db,
      clock,
      catalog: DEFAULT_SERVICE_ACCOUNT_CATALOG,
      issue,
      activity: createActivityRecorder({ db, clock, ipHashSalt: 'ip-salt' }),
    });
  }, 120_000);
  afterAll(() => context?.dispose(), 60_000);

  const newTenant = async (): Promise<TenantId> =>
    (await seedTenant(db, { name: 'SA', slug: `sa-${randomUUID().slice(0, 8)}` })).id;
  const body = (fields: Record<string, unknown>) => IssueServiceAccountBodySchema.parse(fields);
  const actor = (
    tenantId: TenantId | null,
    role: TenantRole | null,
    scopes: string[] = [],
  ): ServiceAccountActor => ({
    userId: asId<'UserId'>(randomUUID()),
    tenantId,
    role,
    scopes,
    origin: { ip: null, userAgent: null },
  });
  const operator = actor(null, null, ['platform:operator']);

  it('reuses the active token unless forced; forcing replaces it in one step', async () => {
    const tenantId = await newTenant();
    const request = { account: 'analytics-batch', scopes: ['conversations:read'], tenant_id: tenantId };
    const first = await issue(body(request));
    expect(first).toMatchObject({ account: 'analytics-batch', tenant_id: tenantId, reused: false });
    const claims = await tokens.verifyRefreshToken(first.refresh_token);
    expect(claims).toMatchObject({
      sub: 'service-account:analytics-batch',
      tenant_id: tenantId,
      jti: first.jti,
    });

    const again = await issue(body(request));
    expect(again).toMatchObject({ jti: first.jti, refresh_token: first.refresh_token, reused: true });

    const forced = await issue(body({ ...request, force: true }));
    expect(forced.jti).not.toBe(first.jti);
    const rows = await db
      .selectFrom('service_account_tokens')
      .select(['refresh_jti', 'revoked_reason', 'token_hash', 'token_encrypted'])
      .where('tenant_id', '=', tenantId)
      .execute();
    const byJti = new Map(rows.map((row) => [row.refresh_jti, row]));
    expect(rows).toHaveLength(2);
    expect(byJti.get(first.jti)?.revoked_reason).toBe('replaced');
    expect(byJti.get(forced.jti)?.revoked_reason).toBeNull();
    expect(byJti.get(forced.jti)?.token_encrypted).not.toContain(forced.refresh_token);
    expect(byJti.get(forced.jti)?.token_hash).not.toBe(forced.refresh_token);
  });

  it('re-issues once the active token has expired', async () => {
    const tenantId = await newTenant();
    const request = {
      account: 'synthetic-monitor',
      scopes: ['tools:read'],
      tenant_id: tenantId,
      lifetime_minutes: 1,
    };
    const first = await issue(body(request));
    clock.advance(61_000);
    const next = await issue(body(request));
    expect(next.reused).toBe(false);
    expect(next.jti).not.toBe(first.jti);
  });

  it('validates account, scope subset, tenant requirement and TTL max (400)', async () => {
    const tenantId = await newTenant();
    const cases = [
      { account: 'nope', scopes: ['conversations:read'] },
      { account: 'analytics-batch', scopes: ['conversations:write'], tenant_id: tenantId },
      { account: 'analytics-batch', scopes: ['conversations:read'] },
      { account: 'demo-bot', scopes: ['chat:write'], tenant_id: tenantId },
      { account: 'synthetic-monitor', scopes: ['tools:read'], tenant_id: tenantId, lifetime_minutes: 1441 },
    ];
    for (const fields of cases) {
      expect((await rejection(issue(body(fields)))).code).toBe('BadRequest');
    }
    expect(await issue(body({ account: 'demo-bot', scopes: ['chat:write'] }))).toMatchObject({
      tenant_id: null,
    });
  });

  it('enforces the in-process burst limits (429 with Retry-After)', async () => {
    const limiter = createIssuanceBurstLimiter(clock);
    for (let i = 0; i < 5; i++) limiter.take('demo-bot');
    const error = (() => {
      try {
        limiter.take('demo-bot');
      } catch (caught) {
        return caught as AppError;
      }
      throw new Error('expected a 429');
    })();
    expect(error.code).toBe('TooManyRequests');
    expect(Number(error.headers['Retry-After'])).toBeGreaterThan(0);
    expect(() => limiter.take('billing-worker')).not.toThrow();
    clock.advance(60_001);
    expect(() => limiter.take('demo-bot')).not.toThrow();

    const global = createIssuanceBurstLimiter(clock, { perAccount: 5, global: 3, windowSeconds: 60 });
    global.take('a');
    global.take('b');
    global.take('c');
    expect(() => global.take('d')).toThrow(/Too many/);
  });

  it('tenant admins issue, list and revoke only within their own tenant', async () => {
    const mine = await newTenant();
    const other = await newTenant();
    const tenantAdmin = actor(mine, 'admin');
    const issued = await admin.browserIssue(tenantAdmin, {
      ...body({ account: 'billing-worker', scopes: ['billing:read'] }),
      reason: 'nightly export',
    });
    expect(issued.tenant_id).toBe(mine);
    const foreign = await issue(
      body({ account: 'billing-worker', scopes: ['billing:read'], tenant_id: other }),
    );

    expect(
      (
        await rejection(
          admin.browserIssue(tenantAdmin, {
            ...body({ account: 'demo-bot', scopes: ['chat:write'] }),
            reason: 'nope',
          }),
        )
      ).code,
    ).toBe('Forbidden');
    expect(
      (
        await rejection(
          admin.browserIssue(actor(mine, 'member'), {
            ...body({ account: 'billing-worker', scopes: ['billing:read'] }),
            reason: 'nope',
          }),
        )
      ).code,
    ).toBe('Forbidden');

    const listed = await admin.listTokens(tenantAdmin, ListServiceAccountTokensQuerySchema.parse({}));
    expect(listed.items.map((t) => t.jti)).toEqual([issued.jti]);
    const otherTenant = await rejection(
      admin.listTokens(tenantAdmin, ListServiceAccountTokensQuerySchema.parse({ tenant_id: other })),
    );
    expect(otherTenant.code).toBe('Forbidden');
    expect((await rejection(admin.revokeToken(tenantAdmin, foreign.jti, {}))).code).toBe('NotFound');

    const revoked = await admin.revokeToken(tenantAdmin, issued.jti, {});
    expect(revoked).toMatchObject({ jti: issued.jti, revoked_reason: 'tenant_admin_manual_revoke' });
    const events = await db
      .selectFrom('security_events')
      .select('event_type')
      .where('tenant_id', '=', mine)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.event_type)).toEqual([
      'service_account_token_issued',
      'service_account_token_revoked',
    ]);
    const activity = await db
      .selectFrom('activity_events')
      .selectAll()
      .where('tenant_id', '=', mine)
      .orderBy('id')
      .execute();
    expect(activity).toMatchObject([
      {
        action: 'auth.service_account.issued',
        actor_id: tenantAdmin.userId,
        actor_type: 'user',
        actor_role: 'admin',
        object_id: issued.jti,
        metadata: { account: 'billing-worker', reason: 'nightly export', reused: false, via: 'browser' },
      },
      {
        action: 'auth.service_account.revoked',
        actor_id: tenantAdmin.userId,
        object_id: issued.jti,
        metadata: { account: 'billing-worker', reason: 'tenant_admin_manual_revoke' },
      },
    ]);
  });

  it('operators list across tenants and must give a reason to revoke', async () => {
    const tenantId = await newTenant();
    const issued = await issue(
      body({ account: 'analytics-batch', scopes: ['conversations:read'], tenant_id: tenantId }),
    );
    const listed = await admin.listTokens(
      operator,
      ListServiceAccountTokensQuerySchema.parse({ tenant_id: tenantId }),
    );
    expect(listed.items.map((t) => t.jti)).toEqual([issued.jti]);
    const all = await admin.listTokens(
      operator,
      ListServiceAccountTokensQuerySchema.parse({ account: 'demo', limit: 200 }),
    );
    expect(all.items.every((t) => t.account === 'demo-bot' && t.tenant_id === null)).toBe(true);
    expect(all.total).toBeGreaterThan(0);
    expect((await rejection(admin.revokeToken(operator, issued.jti, {}))).code).toBe('BadRequest');
    expect(await admin.revokeToken(operator, issued.jti, { reason: 'leaked key' })).toMatchObject({
      revoked_reason: 'leaked key',
    });
    const revokedActivity = await db
      .selectFrom('activity_events')
      .selectAll()
      .where('action', '=', 'auth.service_account.revoked')
      .where('object_id', '=', issued.jti)
      .execute();
    expect(revokedActivity).toMatchObject([
      {
        tenant_id: tenantId,
        actor_type: 'operator',
        actor_id: operator.userId,
        metadata: { reason: 'leaked key' },
      },
    ]);
    const revokedList = await admin.listTokens(
      operator,
      ListServiceAccountTokensQuerySchema.parse({
        tenant_id: tenantId,
        status: 'revoked',
        include_global: 'false',
      }),
    );
    expect(revokedList.items.map((t) => t.jti)).toEqual([issued.jti]);
    expect(
      (
        await rejection(
          admin.listTokens(actor(tenantId, 'viewer'), ListServiceAccountTokensQuerySchema.parse({})),
        )
      ).code,
    ).toBe('Forbidden');
  });

  it('loads and validates a catalog file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sa-catalog-'));
    const path = join(dir, 'catalog.json');
    await writeFile(path, JSON.stringify(DEFAULT_SERVICE_ACCOUNT_CATALOG));
    expect(await loadServiceAccountCatalog(path)).toEqual(DEFAULT_SERVICE_ACCOUNT_CATALOG);
    expect(() =>
      parseServiceAccountCatalog({
        accounts: { x: { scopes: ['a:b'], tenant_bound: true, default_ttl_minutes: 10, max_ttl_minutes: 5 } },
      }),
    ).toThrow(/default_ttl_minutes/);
    expect(() => parseServiceAccountCatalog({ accounts: {} })).toThrow();
  });
});
