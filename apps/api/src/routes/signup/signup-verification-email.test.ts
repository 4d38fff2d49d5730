import { createOutboxEmailSender } from '@starter/providers/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import { emailedToken, sendJson } from '../account/account-test-support.js';

describe('registration sends the verification email (spec §7.6)', () => {
  let deps: TestDependencies;
  const outbox = createOutboxEmailSender();
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    deps = await createTestDependencies({ SIGNUP_ACCESS_POLICY: 'public' }, undefined, { migrate: true });
    app = createApp({ ...deps, email: outbox });
  });
  afterAll(async () => {
    await deps.dispose();
  });

  it('mails a link that verifies the new account', async () => {
    const email = `new-owner-${Date.now()}@example.com`;
    const registered = await sendJson(app, 'POST', '/api/v1/auth/register', {
      body: { email, password: 'Registration-Pass-2026!x', tenant_name: 'Verified Co', accept_terms: true },
    });
    expect(registered.status).toBe(201);
    const { access_token: accessToken } = (await registered.json()) as { access_token: string };

    const token = emailedToken(outbox, email);
    const verified = await sendJson(app, 'POST', '/api/v1/auth/email/verify', { body: { token } });
    expect(verified.status).toBe(200);

    // Verification revokes the sessions, but the stateless access token still reads the profile.
    const me = await sendJson(app, 'GET', '/api/v1/users/me', { token: accessToken });
    expect(((await me.json()) as { data: { email_verified: boolean } }).data.email_verified).toBe(true);
  });
});
