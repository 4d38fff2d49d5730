import { generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SERVICE_ACCOUNT_CATALOG } from '@starter/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import { send } from '../platform/platform-test-support.js';

const ISSUE = '/api/v1/auth/service-accounts/issue';
const issuer = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');

const body = { account: 'demo-bot', scopes: ['chat:write'] };

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: 'vault',
    aud: ['auth-service'],
    sub: 'ci-pipeline',
    nonce: randomUUID(),
    iat: now,
    exp: now + 120,
    account: body.account,
    scopes: body.scopes,
    ...overrides,
  };
}

/** The vault headers of a payload signed by `key` (the signature covers the raw JSON bytes). */
function vaultHeaders(payload: Record<string, unknown>, key: KeyObject = issuer.privateKey) {
  const raw = Buffer.from(JSON.stringify(payload), 'utf8');
  return {
    authorization: `Bearer vault:${sign(null, raw, key).toString('base64url')}`,
    'x-vault-payload': raw.toString('base64url'),
  };
}

describe('POST /auth/service-accounts/issue with vault verification (spec §1.7, §7.11)', () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;
  let catalogPath: string;

  beforeAll(async () => {
    catalogPath = join(await mkdtemp(join(tmpdir(), 'sa-catalog-')), 'catalog.json');
    deps = await createTestDependencies(
      {
        VAULT_VERIFY_ENABLED: 'true',
        SERVICE_ACCOUNT_ISSUER_PUBLIC_KEY: issuer.publicKey
          .export({ format: 'pem', type: 'spki' })
          .toString(),
        SERVICE_ACCOUNT_CATALOG_PATH: catalogPath,
      },
      undefined,
      { migrate: true },
    );
    app = createApp(deps);
  });
  afterAll(async () => {
    await deps.dispose();
  });

  const issue = (headers: Record<string, string>, request: unknown = body) =>
    send(app, 'post', ISSUE, { body: request, headers });

  it('answers 503 while the catalog file is missing, and issues once it exists', async () => {
    const missing = await issue(vaultHeaders(claims()));
    expect(missing.status).toBe(503);
    expect(await missing.json()).toMatchObject({ error: 'ServiceUnavailable' });
    await writeFile(catalogPath, JSON.stringify(DEFAULT_SERVICE_ACCOUNT_CATALOG));
    const issued = await issue(vaultHeaders(claims()));
    expect(issued.status).toBe(201);
    expect(await issued.json()).toMatchObject({ account: 'demo-bot', scopes: ['chat:write'] });
  });

  it('records each vault issuance in the activity log with the request id', async () => {
    const response = await issue({ ...vaultHeaders(claims()), 'x-request-id': 'req-vault-1' });
    expect(response.status).toBe(201);
    const { jti } = (await response.json()) as { jti: string };
    const rows = await deps.identity.db
      .selectFrom('activity_events')
      .selectAll()
      .where('action', '=', 'auth.service_account.issued')
      .where('request_id', '=', 'req-vault-1')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      object_id: jti,
      tenant_id: null,
      actor_type: 'service_account',
      actor_id: 'demo-bot',
      object_type: 'service_account_token',
      request_id: 'req-vault-1',
      metadata: { account: 'demo-bot', via: 'vault' },
    });
  });

  it('refuses dev-demo when verification is enabled', async () => {
    expect((await issue({ authorization: 'Bearer dev-demo' })).status).toBe(401);
  });

  it('refuses a tampered payload and a signature by another key (401)', async () => {
    const signed = vaultHeaders(claims());
    const tampered = Buffer.from(JSON.stringify(claims({ scopes: ['chat:write', 'conversations:read'] })));
    const response = await issue(
      { ...signed, 'x-vault-payload': tampered.toString('base64url') },
      { ...body, scopes: ['chat:write', 'conversations:read'] },
    );
    expect(response.status).toBe(401);
    expect((await issue(vaultHeaders(claims(), stranger.privateKey))).status).toBe(401);
    expect((await issue({ authorization: signed.authorization })).status).toBe(401);
  });

  it('refuses an iat outside −30 s..+600 s, an expired payload and a wrong audience (401)', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await issue(vaultHeaders(claims({ iat: now - 700 })))).status).toBe(401);
    expect((await issue(vaultHeaders(claims({ iat: now + 120 })))).status).toBe(401);
    expect((await issue(vaultHeaders(claims({ iat: now - 200, exp: now - 10 })))).status).toBe(401);
    expect((await issue(vaultHeaders(claims({ aud: ['billing'] })))).status).toBe(401);
    const { nonce: _dropped, ...withoutNonce } = claims();
    expect((await issue(vaultHeaders(withoutNonce))).status).toBe(401);
  });

  it('refuses a replayed nonce (401) and counts nonce hits and misses', async () => {
    const headers = vaultHeaders(claims());
    expect((await issue(headers)).status).toBe(201);
    const replay = await issue(headers);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ message: 'The vault nonce has already been used.' });
    const hits = await deps.metrics.registry.getSingleMetricAsString('nonce_cache_hits_total');
    expect(hits).toMatch(/nonce_cache_hits_total [1-9]/);
  });

  it('refuses a request the signed payload does not cover (400)', async () => {
    const scopes = await issue(vaultHeaders(claims({ scopes: ['conversations:read'] })));
    expect(scopes.status).toBe(400);
    expect(await scopes.json()).toMatchObject({ error: 'BadRequest' });
    const fingerprint = await issue(vaultHeaders(claims()), { ...body, fingerprint: 'other-host' });
    expect(fingerprint.status).toBe(400);
  });
});
