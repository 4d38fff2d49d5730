import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import { createMember, type TestMember } from '../auth/auth-test-support.js';
import { accessToken, send } from '../platform/platform-test-support.js';

/** Reads the SSE body until `done(text)` holds, failing after a deadline. */
async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  done: (text: string) => boolean,
  initial = '',
): Promise<string> {
  const decoder = new TextDecoder();
  let text = initial;
  const deadline = Date.now() + 10_000;
  while (!done(text)) {
    if (Date.now() > deadline) throw new Error(`no matching frame in: ${text}`);
    const { value, done: ended } = await reader.read();
    if (ended) throw new Error(`stream ended early: ${text}`);
    text += decoder.decode(value, { stream: true });
  }
  return text;
}

const dataFrames = (text: string) =>
  text
    .split('\n\n')
    .filter((frame) => frame.includes('data: '))
    .map((frame) => ({
      id: /^id: (.+)$/m.exec(frame)?.[1],
      event: JSON.parse(/^data: (.+)$/m.exec(frame)?.[1] ?? '{}') as { action: string; tenant_id: string },
    }));

// Runs on the in-process KV, and on Redis when REDIS_URL is set.
describe('GET /activity/stream (ENABLE_ACTIVITY_STREAM=true)', () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;
  let admin: TestMember;
  let token: string;
  let otherToken: string;

  beforeAll(async () => {
    deps = await createTestDependencies({ ENABLE_ACTIVITY_STREAM: 'true' }, undefined, { migrate: true });
    app = createApp(deps);
    admin = await createMember(deps, { role: 'owner' });
    token = await accessToken(app, admin);
    otherToken = await accessToken(app, await createMember(deps, { role: 'owner' }));
  });
  afterAll(async () => {
    await deps.dispose();
  });

  const open = async (bearer: string, headers: Record<string, string> = {}) => {
    const abort = new AbortController();
    const response = await app.request('/api/v1/activity/stream', {
      headers: { authorization: `Bearer ${bearer}`, ...headers },
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    return { reader, abort };
  };

  it('replays the backlog, follows new events, and stops when the client aborts', async () => {
    const { reader, abort } = await open(token);
    // The backlog: the owner's own login, recorded before the stream opened.
    const backlog = await readUntil(reader, (text) => text.includes('auth.login.success'));
    expect(backlog.startsWith(':\n\n')).toBe(true);
    expect(dataFrames(backlog)[0]?.event).toMatchObject({
      action: 'auth.login.success',
      tenant_id: admin.tenantId,
    });

    await deps.identity.activity.record({
      action: 'tenant.account.updated',
      tenantId: admin.tenantId,
      actor: { type: 'user', id: admin.userId },
    });
    const followed = await readUntil(reader, (text) => text.includes('tenant.account.updated'), backlog);
    const frames = dataFrames(followed);
    expect(frames.map((frame) => frame.event.action)).toEqual([
      'auth.login.success',
      'tenant.account.updated',
    ]);
    expect(frames.every((frame) => frame.event.tenant_id === admin.tenantId)).toBe(true);

    abort.abort();
    await reader.cancel();
  });

  it('resumes after Last-Event-ID and never shows another tenant', async () => {
    const first = await open(token);
    const text = await readUntil(first.reader, (seen) => dataFrames(seen).length >= 2);
    const [login] = dataFrames(text);
    first.abort.abort();
    await first.reader.cancel();

    const resumed = await open(token, { 'last-event-id': login?.id ?? '' });
    const rest = await readUntil(resumed.reader, (seen) => dataFrames(seen).length >= 1);
    expect(dataFrames(rest)[0]?.event.action).toBe('tenant.account.updated');
    resumed.abort.abort();
    await resumed.reader.cancel();

    const other = await open(otherToken);
    const theirs = await readUntil(other.reader, (seen) => dataFrames(seen).length >= 1);
    expect(dataFrames(theirs).every((frame) => frame.event.tenant_id !== admin.tenantId)).toBe(true);
    other.abort.abort();
    await other.reader.cancel();
  });

  it('refuses a malformed Last-Event-ID with 422', async () => {
    const response = await send(app, 'get', '/api/v1/activity/stream', {
      token,
      headers: { 'last-event-id': 'not-an-id' },
    });
    expect(response.status).toBe(422);
  });
});
