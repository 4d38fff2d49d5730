import { randomUUID } from 'node:crypto';
import { createKyselyConversationStore } from '@starter/agent-runtime';
import { checkStreamInvariants } from '@starter/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import type { TestDependencies } from '../../dependencies/create-test-dependencies.js';
import {
  chatUser,
  createChatTestDependencies,
  followStream,
  postStream,
  readSse,
  send,
  type TestApp,
} from './chat-test-support.js';
import { chatServiceOf } from './index.js';

describe('POST /api/v1/chat/stream and resuming (spec §1.11, §2, §14)', { timeout: 60_000 }, () => {
  let deps: TestDependencies;
  let app: TestApp;
  let token: string;
  let tenantId: string;

  beforeAll(async () => {
    // A slow demo model so a client can go away mid-stream.
    deps = await createChatTestDependencies({}, { tokenDelayMs: 5 });
    app = createApp(deps);
    const user = await chatUser(deps, app);
    token = user.token;
    tenantId = user.member.tenantId;
  }, 120_000);
  afterAll(async () => {
    await chatServiceOf(app)?.close();
    await deps?.dispose();
  });

  const messagesOf = (conversationId: string) =>
    createKyselyConversationStore(deps.agents.db).messages({ tenantId }, conversationId, {
      limit: 50,
      direction: 'asc',
    });

  it('streams valid frames with ids, creating the conversation and persisting the answer before final', async () => {
    const response = await postStream(app, token, { message: 'hello there' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    let persistedAtFinal: string[] = [];
    const { frames } = await readSse(response, {
      onEvent: async ({ event }) => {
        if (event.kind === 'final') {
          const page = await messagesOf(event.conversation_id);
          persistedAtFinal = page.items.map((message) => message.role);
        }
      },
    });
    const events = frames.map((frame) => frame.event);
    expect(checkStreamInvariants(events)).toEqual([]);
    expect(frames.every((frame) => frame.id === frame.event.event_id)).toBe(true);
    const last = events.at(-1);
    expect(last?.kind).toBe('final');
    expect(persistedAtFinal).toEqual(['user', 'assistant']);
    const page = await messagesOf(last?.conversation_id ?? '');
    expect(page.items[1]?.content).toContain('Demo model reply to: hello there');
    expect(response.headers.get('x-run-id')).toMatch(/^run_/);

    const activityOf = async () =>
      (
        await deps.identity.db
          .selectFrom('activity_events')
          .select(['action', 'object_id'])
          .where('tenant_id', '=', tenantId as never)
          .where('object_id', '=', last?.conversation_id ?? '')
          .orderBy('id')
          .execute()
      ).map((row) => row.action);
    // `run.completed` is recorded once the drive is over, which may be just after the client read `final`.
    let activity = await activityOf();
    for (let attempt = 0; attempt < 250 && !activity.includes('conversation.run.completed'); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      activity = await activityOf();
    }
    expect(activity).toEqual([
      'conversation.created',
      'conversation.message',
      'conversation.run.started',
      'conversation.message',
      'conversation.run.completed',
    ]);
  });

  it('continues an existing conversation given its id', async () => {
    const conversationId = randomUUID();
    for (const message of ['first', 'second']) {
      const response = await postStream(app, token, { message, conversation_id: conversationId });
      await readSse(response);
    }
    const page = await messagesOf(conversationId);
    expect(page.items.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  });

  it('answers 404 for an unknown attachment, 422 for a bad body, 403 without conversations:write', async () => {
    const missing = await postStream(app, token, { message: 'hi', attachments: [{ object_id: 'nope' }] });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ success: false, error: 'NotFound' });
    const bad = await postStream(app, token, { message: '', conversation_id: 'not-a-uuid' });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ success: false, error: 'ValidationError' });
    const viewer = await chatUser(deps, app, 'viewer');
    const forbidden = await postStream(app, viewer.token, { message: 'hi' });
    expect(forbidden.status).toBe(403);
    const anonymous = await send(app, 'post', '/api/v1/chat/stream', { body: { message: 'hi' } });
    expect(anonymous.status).toBe(401);
  });

  it('a client that goes away and resumes with Last-Event-ID gets exactly the frames of the run, once', async () => {
    const response = await postStream(app, token, { message: 'tell me something long please' });
    const runId = response.headers.get('x-run-id') as string;
    const first = await readSse(response, { stopAfter: 5 });
    expect(first.frames).toHaveLength(5);
    const lastSeen = first.frames.at(-1)?.event.event_id as number;
    const resumed = await readSse(await followStream(app, token, runId, lastSeen));
    const events = [...first.frames, ...resumed.frames].map((frame) => frame.event);
    expect(checkStreamInvariants(events)).toEqual([]);
    expect(resumed.frames[0]?.event.event_id).toBe(lastSeen + 1);

    // A full replay after the run ended equals the two halves, frame for frame.
    const replay = await readSse(await followStream(app, token, runId));
    expect(replay.frames.map((frame) => frame.event)).toEqual(events);
  });

  it('POST /chat answers synchronously', async () => {
    const response = await send(app, 'post', '/api/v1/chat', { token, body: { message: 'sync please' } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      agent_used: 'triage',
      handoff_occurred: false,
      attachments: [],
      structured_output: null,
      output_schema: null,
      metadata: { status: 'completed' },
    });
    expect(body.response).toContain('Demo model reply to: sync please');
  });

  it('a handoff leaves its target as the conversation’s active agent, with the answer', async () => {
    const response = await send(app, 'post', '/api/v1/chat', {
      token,
      body: { message: 'hand off to researcher please' },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { conversation_id: string; agent_used: string };
    expect(body.agent_used).toBe('researcher');
    const store = createKyselyConversationStore(deps.agents.db);
    expect(await store.get({ tenantId }, body.conversation_id)).toMatchObject({
      agentEntrypoint: 'triage',
      activeAgent: 'researcher',
      messageCount: 2,
    });
    const page = await messagesOf(body.conversation_id);
    expect(page.items.map((message) => [message.role, message.agent])).toEqual([
      ['user', 'triage'],
      ['assistant', 'researcher'],
    ]);
  });

  it('rejects bad Last-Event-ID and unknown runs', async () => {
    const unknown = await followStream(app, token, 'run_unknown');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'NotFound' });
    const response = await postStream(app, token, { message: 'x' });
    await readSse(response);
    const bad = await followStream(app, token, response.headers.get('x-run-id') as string, -1);
    expect(bad.status).toBe(400);
  });
});
