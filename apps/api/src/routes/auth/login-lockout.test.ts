import { createManualClock, type ManualClock } from '@starter/providers/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import { createMember, postJson } from './auth-test-support.js';

const TOKEN = '/api/v1/auth/token';

describe('login lockout and IP throttle', () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;
  let clock: ManualClock;

  beforeAll(async () => {
    // Starts at real time: refresh-token expiry is also judged by the database's now().
    clock = createManualClock(Date.now());
    deps = await createTestDependencies({}, undefined, { migrate: true, clock });
    app = createApp(deps);
  });
  afterAll(async () => {
    await deps.dispose();
  });

  it('locks the account after 5 wrong passwords (423) and lets it in again once the lock is over', async () => {
    const member = await createMember(deps);
    const ip = '10.1.1.1';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      statuses.push(
        (await postJson(app, TOKEN, { email: member.email, password: 'wrong-password' }, { ip })).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 423]);

    const locked = await postJson(app, TOKEN, { email: member.email, password: member.password }, { ip });
    expect(locked.status).toBe(423);
    const body = (await locked.json()) as { error: string; details: { locked_until: string } };
    expect(body.error).toBe('Locked');
    expect(Date.parse(body.details.locked_until)).toBe(clock.now() + 60 * 60_000);
    expect((await deps.identity.repositories.users.findById(member.userId))?.status).toBe('locked');

    clock.advance(60 * 60_000 + 1000);
    const after = await postJson(app, TOKEN, { email: member.email, password: member.password }, { ip });
    expect(after.status).toBe(200);
    expect(await deps.identity.repositories.users.findById(member.userId)).toMatchObject({
      status: 'active',
      locked_until: null,
    });
    const results = (await deps.identity.repositories.loginEvents.listForUser(member.userId, 10)).map(
      (event) => event.result,
    );
    expect(results[0]).toBe('success');
    expect(results).toContain('locked');
  });

  it('blocks an IP (and its /24) after 50 failures, unknown emails included, with 429 and Retry-After', async () => {
    const member = await createMember(deps);
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const response = await postJson(
        app,
        TOKEN,
        { email: `nobody-${attempt}@example.com`, password: 'guess-guess' },
        { ip: '10.2.2.2' },
      );
      expect(response.status).toBe(401);
    }
    const blocked = await postJson(
      app,
      TOKEN,
      { email: member.email, password: member.password },
      { ip: '10.2.2.2' },
    );
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await blocked.json()).toMatchObject({ success: false, error: 'TooManyRequests' });
    const neighbour = await postJson(
      app,
      TOKEN,
      { email: member.email, password: member.password },
      { ip: '10.2.2.99' },
    );
    expect(neighbour.status).toBe(429);
    const elsewhere = await postJson(
      app,
      TOKEN,
      { email: member.email, password: member.password },
      { ip: '10.3.3.3' },
    );
    expect(elsewhere.status).toBe(200);
  });
});
