import { createKyselyChatRunStore } from '@starter/agent-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import type { TestDependencies } from '../../dependencies/create-test-dependencies.js';
import {
  chatUser,
  createChatTestDependencies,
  postStream,
  readSse,
  send,
  type TestApp,
} from './chat-test-support.js';
import { chatServiceOf } from './index.js';

describe('chat quotas (spec §7.10, §12.2 behaviour 12)', { timeout: 60_000 }, () => {
  let deps: TestDependencies;
  let app: TestApp;

  beforeAll(async () => {
    deps = await createChatTestDependencies(
      {
        CHAT_RATE_LIMIT_PER_MINUTE: '1',
        CHAT_STREAM_RATE_LIMIT_PER_MINUTE: '3',
        CHAT_STREAM_CONCURRENT_LIMIT: '1',
      },
      { tokenDelayMs: 20 },
    );
    app = createApp(deps);
  }, 120_000);
  afterAll(async () => {
    await chatServiceOf(app)?.close();
    await deps?.dispose();
  });

  it('chat_per_minute answers 429 with Retry-After once spent', async () => {
    const { token } = await chatUser(deps, app);
    expect((await send(app, 'post', '/api/v1/chat', { token, body: { message: 'one' } })).status).toBe(200);
    const blocked = await send(app, 'post', '/api/v1/chat', { token, body: { message: 'two' } });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.json()).toMatchObject({ success: false, error: 'TooManyRequests' });
  });

  it('one concurrent stream per user (the lease lives as long as the run), then the per-minute quota', async () => {
    const { token, member } = await chatUser(deps, app);
    const first = await postStream(app, token, { message: 'a slow run that holds the lease' });
    expect(first.status).toBe(200);
    const concurrent = await postStream(app, token, { message: 'second' });
    expect(concurrent.status).toBe(429);
    expect(concurrent.headers.get('retry-after')).toBeTruthy();
    // A client going away does not free the slot: the run still holds it until it ends.
    await readSse(first);
    const runId = first.headers.get('x-run-id') as string;
    const runs = createKyselyChatRunStore(deps.agents.db);
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if ((await runs.get({ tenantId: member.tenantId }, runId))?.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // The slot is given back just after the run's row is finished (no retry loop: it would spend quota).
    await new Promise((resolve) => setTimeout(resolve, 300));
    const third = await postStream(app, token, { message: 'third' });
    expect(third.status).toBe(200);
    await readSse(third);
    const overQuota = await postStream(app, token, { message: 'fourth' });
    expect(overQuota.status).toBe(429);
    expect(Number(overQuota.headers.get('retry-after'))).toBeGreaterThan(5);
  });
});
