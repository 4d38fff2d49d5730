import { createKyselyChatRunStore, createKyselyConversationStore } from '@starter/agent-runtime';
import { checkStreamInvariants } from '@starter/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import type { TestDependencies } from '../../dependencies/create-test-dependencies.js';
import {
  APPROVER_AGENT,
  chatUser,
  createChatTestDependencies,
  followStream,
  postStream,
  REFUND_MESSAGE,
  readSse,
  send,
  type TestApp,
} from './chat-test-support.js';
import { chatServiceOf } from './index.js';

/**
 * Two app instances on one database and one KV (Redis with REDIS_URL): each `createApp` has its own chat
 * service, so A and B behave as two replicas.
 */
describe('chat runs across replicas (spec §14)', { timeout: 60_000 }, () => {
  let deps: TestDependencies;
  let appA: TestApp;
  let appB: TestApp;
  let token: string;
  let tenantId: string;
  let otherToken: string;

  beforeAll(async () => {
    deps = await createChatTestDependencies({}, { tokenDelayMs: 25 });
    appA = createApp(deps);
    appB = createApp(deps);
    const user = await chatUser(deps, appA);
    token = user.token;
    tenantId = user.member.tenantId;
    otherToken = (await chatUser(deps, appA)).token;
  }, 120_000);
  afterAll(async () => {
    await chatServiceOf(appA)?.close();
    await chatServiceOf(appB)?.close();
    await deps?.dispose();
  });

  const runOf = (runId: string) => createKyselyChatRunStore(deps.agents.db).get({ tenantId }, runId);

  it('a run started on A is followed and cancelled on B; its stream ends cancelled', async () => {
    const started = await postStream(appA, token, { message: 'a long answer for a cancelled run please' });
    const runId = started.headers.get('x-run-id') as string;
    const head = await readSse(started, { stopAfter: 3 });

    const follow = await followStream(appB, token, runId, 3);
    expect(follow.status).toBe(200);
    let cancelled = false;
    const tail = await readSse(follow, {
      onEvent: async () => {
        if (cancelled) return;
        cancelled = true;
        const cancel = await send(appB, 'post', `/api/v1/chat/runs/${runId}/cancel`, { token });
        expect(cancel.status).toBe(202);
      },
    });
    const events = [...head.frames, ...tail.frames].map((frame) => frame.event);
    expect(checkStreamInvariants(events)).toEqual([]);
    const final = events.at(-1);
    expect(final).toMatchObject({ kind: 'final', final: { status: 'cancelled' } });
    expect(events.some((event) => event.kind === 'lifecycle' && event.status === 'cancelled')).toBe(true);
    expect(await runOf(runId)).toMatchObject({ status: 'cancelled' });

    const again = await send(appB, 'post', `/api/v1/chat/runs/${runId}/cancel`, { token });
    expect(again.status).toBe(409);
  });

  it('a run paused for approval on A is approved on B after A has shut down', async () => {
    const started = await postStream(appA, token, { message: REFUND_MESSAGE, agent_type: APPROVER_AGENT });
    const runId = started.headers.get('x-run-id') as string;
    const paused = (await readSse(started)).frames.map((frame) => frame.event);
    expect(checkStreamInvariants(paused)).toEqual([]);
    const awaiting = paused.find(
      (event) => event.kind === 'tool.status' && event.tool.status === 'awaiting_approval',
    );
    expect(awaiting).toBeDefined();
    expect(paused.at(-1)).toMatchObject({ kind: 'final', final: { status: 'incomplete' } });
    const run = await runOf(runId);
    expect(run).toMatchObject({ status: 'interrupted' });
    expect(run?.state).toEqual(expect.any(String));
    const toolCallId = run?.pendingApprovals[0]?.toolCallId as string;

    await chatServiceOf(appA)?.close();
    const refused = await send(appA, 'post', `/api/v1/chat/runs/${runId}/approvals`, {
      token,
      body: { tool_call_id: toolCallId, approve: true },
    });
    expect(refused.status).toBe(503);

    const unknownCall = await send(appB, 'post', `/api/v1/chat/runs/${runId}/approvals`, {
      token,
      body: { decisions: [{ tool_call_id: 'call_nope', approve: true }] },
    });
    expect(unknownCall.status).toBe(422);

    const approved = await send(appB, 'post', `/api/v1/chat/runs/${runId}/approvals`, {
      token,
      body: { tool_call_id: toolCallId, approve: true, reason: 'ok' },
    });
    expect(approved.status).toBe(202);
    const accepted = (await approved.json()) as { stream_id: string; status: string };
    expect(accepted.stream_id).not.toBe(run?.streamId);

    const resumed = (await readSse(await followStream(appB, token, runId))).frames.map(
      (frame) => frame.event,
    );
    expect(checkStreamInvariants(resumed)).toEqual([]);
    expect(resumed.every((event) => event.stream_id === accepted.stream_id)).toBe(true);
    expect(resumed.some((event) => event.kind === 'tool.output')).toBe(true);
    expect(resumed.at(-1)).toMatchObject({ kind: 'final', final: { status: 'completed' } });
    expect(await runOf(runId)).toMatchObject({ status: 'completed', state: null });
    const messages = await createKyselyConversationStore(deps.agents.db).messages(
      { tenantId },
      run?.conversationId as string,
      { limit: 10, direction: 'asc' },
    );
    expect(messages.items.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(messages.items[1]?.content).toContain('refunded 250 on A1');

    const twice = await send(appB, 'post', `/api/v1/chat/runs/${runId}/approvals`, {
      token,
      body: { tool_call_id: toolCallId, approve: true },
    });
    expect(twice.status).toBe(409);
  });

  it("another tenant gets 404 on a run's stream, cancel and approvals", async () => {
    const started = await postStream(appB, token, { message: 'isolated' });
    const runId = started.headers.get('x-run-id') as string;
    await readSse(started);
    const stream = await followStream(appB, otherToken, runId);
    const cancel = await send(appB, 'post', `/api/v1/chat/runs/${runId}/cancel`, { token: otherToken });
    const approvals = await send(appB, 'post', `/api/v1/chat/runs/${runId}/approvals`, {
      token: otherToken,
      body: { tool_call_id: 'call_x', approve: true },
    });
    expect([stream.status, cancel.status, approvals.status]).toEqual([404, 404, 404]);
    expect(await stream.text()).not.toContain(tenantId);
  });
});
