import { activityStreamKey, hashIp } from '@starter/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createMember, postJson } from '../routes/auth/auth-test-support.js';
import { createTestDependencies, type TestDependencies } from './create-test-dependencies.js';

// The identity kernel wires the activity recorder into the session service the auth routes use.
describe('activity log wiring', () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    deps = await createTestDependencies({}, undefined, { migrate: true });
    app = createApp(deps);
  });
  afterAll(async () => {
    await deps.dispose();
  });

  it('records one auth.login.success row for a login through POST /auth/token', async () => {
    const member = await createMember(deps, { role: 'member' });
    const ip = '198.51.100.42';
    const response = await postJson(
      app,
      '/api/v1/auth/token',
      { email: member.email, password: member.password },
      { ip },
    );
    expect(response.status).toBe(200);
    const rows = await deps.identity.db
      .selectFrom('activity_events')
      .selectAll()
      .where('tenant_id', '=', member.tenantId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'auth.login.success',
      actor_type: 'user',
      actor_id: member.userId,
      actor_role: 'member',
      status: 'success',
      ip_hash: hashIp(deps.settings.auth.sessionIpHashSalt, ip),
      request_id: response.headers.get('x-request-id'),
      metadata: { method: 'password' },
    });
    expect(rows[0]?.request_id).toBeTruthy();
    // ENABLE_ACTIVITY_STREAM is off by default: nothing is published.
    expect(await deps.kv.readStream(activityStreamKey(member.tenantId))).toEqual([]);
  });
});

describe('activity stream wiring (ENABLE_ACTIVITY_STREAM=true)', () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    deps = await createTestDependencies({ ENABLE_ACTIVITY_STREAM: 'true' }, undefined, { migrate: true });
    app = createApp(deps);
  });
  afterAll(async () => {
    await deps.dispose();
  });

  it("publishes the login's activity event to the tenant stream of the app's KV", async () => {
    const member = await createMember(deps, { role: 'member' });
    const response = await postJson(app, '/api/v1/auth/token', {
      email: member.email,
      password: member.password,
    });
    expect(response.status).toBe(200);
    const entries = await deps.kv.readStream(activityStreamKey(member.tenantId));
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]?.fields.event ?? '{}')).toMatchObject({
      action: 'auth.login.success',
      actor_id: member.userId,
      request_id: response.headers.get('x-request-id'),
    });
  });
});
