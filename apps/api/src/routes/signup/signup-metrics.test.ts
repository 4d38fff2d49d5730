import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import { createMember } from '../auth/auth-test-support.js';
import { accessToken, makeOperator, send } from '../platform/platform-test-support.js';

const AUTH = '/api/v1/auth';

/** The value of one series in the Prometheus text, 0 when it has not been written yet. */
async function metric(app: ReturnType<typeof createApp>, series: string): Promise<number> {
  const text = await (await app.request('/metrics')).text();
  const line = text.split('\n').find((row) => row.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

// Own domain per email: the per-domain daily quota would otherwise tie the cases together.
const freshEmail = () => `user@d-${randomUUID()}.example.com`;

describe('signup and rate-limit metrics (spec §10.2)', () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;
  let operatorToken: string;
  let ipCounter = 0;
  const ip = () => ({ 'x-forwarded-for': `198.51.100.${++ipCounter}` });
  const register = (email: string, extra: Record<string, unknown> = {}) =>
    send(app, 'post', `${AUTH}/register`, {
      headers: ip(),
      body: {
        email,
        password: `Pass-${randomUUID()}`,
        tenant_name: 'Metrics Co',
        accept_terms: true,
        ...extra,
      },
    });
  const attempts = (result: string) =>
    metric(app, `signup_attempts_total{result="${result}",policy="invite_only"}`);
  const blocked = (reason: string) => metric(app, `signup_blocked_total{reason="${reason}"}`);

  beforeAll(async () => {
    deps = await createTestDependencies(
      { SIGNUP_ACCESS_POLICY: 'invite_only', SIGNUP_RATE_LIMIT_PER_EMAIL_DAY: '1' },
      undefined,
      { migrate: true },
    );
    app = createApp(deps);
    const operator = await createMember(deps);
    await makeOperator(deps, operator);
    operatorToken = await accessToken(app, operator);
  });
  afterAll(async () => {
    await deps.dispose();
  });

  it('counts a successful registration and a failed one (email taken)', async () => {
    const email = freshEmail();
    const invite = await send(app, 'post', `${AUTH}/invites`, {
      token: operatorToken,
      body: { invited_email: email },
    });
    const { invite_token } = (await invite.json()) as { invite_token: string };
    const [success, failure] = [await attempts('success'), await attempts('failure')];
    expect((await register(email, { invite_token })).status).toBe(201);
    expect(await attempts('success')).toBe(success + 1);
    const taken = (await createMember(deps)).email;
    expect((await register(taken)).status).toBe(409);
    expect(await attempts('failure')).toBe(failure + 1);
  });

  it('counts policy and quota blocks, and the quota hit on rate_limit_hits_total', async () => {
    const email = freshEmail();
    const [before, policy, quota] = [
      await attempts('blocked'),
      await blocked('policy'),
      await blocked('quota'),
    ];
    const hits = 'rate_limit_hits_total{quota="signup_per_email_day",scope="email"}';
    const hitsBefore = await metric(app, hits);
    expect((await register(email)).status).toBe(403);
    expect((await register(email)).status).toBe(429);
    expect(await attempts('blocked')).toBe(before + 2);
    expect(await blocked('policy')).toBe(policy + 1);
    expect(await blocked('quota')).toBe(quota + 1);
    expect(await metric(app, hits)).toBe(hitsBefore + 1);
  });

  it('counts a honeypot access request as blocked although it answers 202', async () => {
    const [honeypot, success] = [await blocked('honeypot'), await attempts('success')];
    const body = { email: freshEmail(), organization: 'Bots Inc', full_name: 'Bot', honeypot: 'filled' };
    const response = await send(app, 'post', `${AUTH}/request-access`, { headers: ip(), body });
    expect(response.status).toBe(202);
    expect(await blocked('honeypot')).toBe(honeypot + 1);
    expect(await attempts('success')).toBe(success);
  });

  it('counts a blocked forgot-password request on rate_limit_hits_total', async () => {
    const series = 'rate_limit_hits_total{quota="password_reset_email",scope="email"}';
    const before = await metric(app, series);
    const email = freshEmail();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const response = await send(app, 'post', `${AUTH}/password/forgot`, { headers: ip(), body: { email } });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    expect(await metric(app, series)).toBe(before + 1);
  });
});
