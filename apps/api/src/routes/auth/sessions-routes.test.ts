import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import { createMember, getWithToken, loginTokens, postJson } from './auth-test-support.js';

const AUTH = '/api/v1/auth';

describe('logout, logout-all and the session list', () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    deps = await createTestDependencies({}, undefined, { migrate: true });
    app = createApp(deps);
  });
  afterAll(async () => {
    await deps.dispose();
  });

  const revoke = (sessionId: string, token: string) =>
    app.request(`${AUTH}/sessions/${sessionId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });

  it("logs out one session, idempotently, and refuses another user's token with 403", async () => {
    const alice = await createMember(deps);
    const bob = await createMember(deps);
    const a = await loginTokens(app, alice);
    const b = await loginTokens(app, bob);

    const foreign = await postJson(
      app,
      `${AUTH}/logout`,
      { refresh_token: b.refresh_token },
      { token: a.access_token },
    );
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ success: false, error: 'Forbidden' });

    const first = await postJson(
      app,
      `${AUTH}/logout`,
      { refresh_token: a.refresh_token },
      { token: a.access_token },
    );
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ success: true, data: { revoked: true } });
    const again = await postJson(
      app,
      `${AUTH}/logout`,
      { refresh_token: a.refresh_token },
      { token: a.access_token },
    );
    expect(await again.json()).toMatchObject({ success: true, data: { revoked: false } });
    expect((await postJson(app, `${AUTH}/refresh`, { refresh_token: a.refresh_token })).status).toBe(401);
    // Bob's session is untouched.
    expect((await postJson(app, `${AUTH}/refresh`, { refresh_token: b.refresh_token })).status).toBe(200);
  });

  it('requires an access token for logout', async () => {
    const response = await postJson(app, `${AUTH}/logout`, { refresh_token: 'x' });
    expect(response.status).toBe(401);
    expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
  });

  it('logout-all revokes every session and refresh token of the caller', async () => {
    const member = await createMember(deps);
    const one = await loginTokens(app, member);
    const two = await loginTokens(app, member);
    const response = await postJson(app, `${AUTH}/logout/all`, {}, { token: one.access_token });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ success: true, data: { revoked: 2 } });
    for (const tokens of [one, two]) {
      expect((await postJson(app, `${AUTH}/refresh`, { refresh_token: tokens.refresh_token })).status).toBe(
        401,
      );
    }
    const list = await getWithToken(app, `${AUTH}/sessions`, one.access_token);
    expect(await list.json()).toMatchObject({ items: [], total: 0 });
  });

  it("lists the caller's sessions with the current one marked and the IP masked", async () => {
    const member = await createMember(deps);
    const older = await loginTokens(app, member, '192.0.2.44');
    const current = await loginTokens(app, member, '192.0.2.45');
    const response = await getWithToken(app, `${AUTH}/sessions?limit=1`, current.access_token);
    expect(response.status).toBe(200);
    const page = (await response.json()) as {
      items: Record<string, unknown>[];
      total: number;
      next_offset: number;
    };
    expect(page).toMatchObject({ total: 2, limit: 1, offset: 0, next_offset: 1 });
    expect(page.items[0]).toMatchObject({
      id: current.session_id,
      current: true,
      ip_masked: '192.0.2.x',
      client: { platform: 'Mac OS 10.15.7', browser: 'Chrome 120', device: 'desktop' },
    });
    expect(JSON.stringify(page)).not.toContain('192.0.2.45');

    const second = (await (
      await getWithToken(app, `${AUTH}/sessions?offset=1`, current.access_token)
    ).json()) as {
      items: { id: string; current: boolean }[];
    };
    expect(second.items).toMatchObject([{ id: older.session_id, current: false }]);

    expect((await revoke(older.session_id, current.access_token)).status).toBe(200);
    expect((await revoke(older.session_id, current.access_token)).status).toBe(404);
    const active = (await (await getWithToken(app, `${AUTH}/sessions`, current.access_token)).json()) as {
      total: number;
    };
    expect(active.total).toBe(1);
    const all = (await (
      await getWithToken(app, `${AUTH}/sessions?include_revoked=true`, current.access_token)
    ).json()) as { items: { id: string; revoked_reason: string | null }[] };
    expect(all.items.find((item) => item.id === older.session_id)?.revoked_reason).toBe(
      'user_session_manual_revoke',
    );
  });

  it("keeps tenants apart: a user of tenant A cannot list or revoke tenant B's sessions", async () => {
    const a = await createMember(deps);
    const b = await createMember(deps);
    const aTokens = await loginTokens(app, a);
    const bTokens = await loginTokens(app, b);

    const asA = (await (
      await getWithToken(app, `${AUTH}/sessions?tenant_id=${b.tenantId}`, aTokens.access_token)
    ).json()) as { items: unknown[]; total: number };
    expect(asA).toMatchObject({ items: [], total: 0 });
    const mine = (await (await getWithToken(app, `${AUTH}/sessions`, aTokens.access_token)).json()) as {
      items: { id: string }[];
    };
    expect(mine.items.map((item) => item.id)).toEqual([aTokens.session_id]);

    const attempt = await revoke(bTokens.session_id, aTokens.access_token);
    expect(attempt.status).toBe(404);
    expect((await postJson(app, `${AUTH}/refresh`, { refresh_token: bTokens.refresh_token })).status).toBe(
      200,
    );
  });

  it('validates the session id and the list query (422)', async () => {
    const member = await createMember(deps);
    const tokens = await loginTokens(app, member);
    expect((await revoke('not-a-uuid', tokens.access_token)).status).toBe(422);
    expect((await getWithToken(app, `${AUTH}/sessions?limit=500`, tokens.access_token)).status).toBe(422);
  });
});
