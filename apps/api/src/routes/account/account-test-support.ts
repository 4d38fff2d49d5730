import { createOutboxEmailSender, type OutboxEmailSender } from '@starter/providers/testing';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import type { RequestApp } from '../auth/auth-test-support.js';

/** An app over migrated test dependencies whose emails land in an in-memory outbox. */
export interface AccountTestApp {
  deps: TestDependencies;
  app: ReturnType<typeof createApp>;
  outbox: OutboxEmailSender;
}

/**
 * The test dependencies log emails without their bodies (they carry one-time tokens), so the app is
 * composed over the same dependencies with an outbox sender to read the links back.
 */
export async function createAccountTestApp(): Promise<AccountTestApp> {
  const deps = await createTestDependencies({}, undefined, { migrate: true });
  const outbox = createOutboxEmailSender();
  return { deps, app: createApp({ ...deps, email: outbox }), outbox };
}

/** Sends a JSON request with an optional bearer token. */
export function sendJson(
  app: RequestApp,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  init: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'x-forwarded-for': '198.51.100.20', ...init.headers };
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return Promise.resolve(
    app.request(path, {
      method,
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    }),
  );
}

/** The one-time token of the newest email to an address (`?token=<id>.<secret>`). */
export function emailedToken(outbox: OutboxEmailSender, to: string): string {
  const mail = outbox.outbox.filter((message) => [message.to].flat().includes(to)).at(-1);
  const token = /[?&]token=([0-9a-f]+\.[0-9a-f]+)/.exec(mail?.text ?? '')?.[1];
  if (token === undefined) throw new Error(`no token emailed to ${to}`);
  return token;
}
