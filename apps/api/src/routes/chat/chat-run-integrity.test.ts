import {
  createAgentRuntime,
  createDemoModelProvider,
  createKyselyChatRunStore,
} from '@starter/agent-runtime';
import type { KeyValueStore, PublicSseEvent, TenantId } from '@starter/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { CANCEL_CHANNEL } from '../../chat/chat-run-channel.js';
import { ownerKey } from '../../chat/chat-run-owner.js';
import { type ChatService, createChatService, createChatStores } from '../../chat/index.js';
import type { TestDependencies } from '../../dependencies/create-test-dependencies.js';
import { createMember } from '../auth/auth-test-support.js';
import { accessToken } from '../platform/platform-test-support.js';
import {
  APPROVER_AGENT,
  callerOf,
  chatUser,
  createChatTestDependencies,
  drain,
  followStream,
  postStream,
  REFUND_MESSAGE,
  readSse,
  send,
  type TestApp,
} from './chat-test-support.js';
import { chatServiceOf } from './index.js';

describe('chat run integrity (transactions, run events, orphans, authorization)', { timeout: 60_000 }, () => {
  let deps: TestDependencies;
  let app: TestApp;
  let member: { userId: string; tenantId: string };
  let token: string;
  const services: ChatService[] = [];

  beforeAll(async () => {
    deps = await createChatTestDependencies({}, { tokenDelayMs: 2 });
    app = createApp(deps);
    const user = await chatUser(deps, app);
    member = user.member;
    token = user.token;
  }, 120_000);
  afterAll(async () => {
    for (const service of services) await service.close(2_000);
    await chatServiceOf(app)?.close();
    await deps?.dispose();
  });

  /** A chat service of its own on the test database and KV (another replica), with overrides. */
  function serviceWith(overrides: Partial<Parameters<typeof createChatService>[0]> = {}): ChatService {
    const stores = createChatStores(deps);
    const service = createChatService({
      ...stores,
      runtime: deps.agents.runtime,
      kv: deps.kv,
      activity: deps.identity.activity,
      logger: deps.logger,
      now: () => deps.clock.date(),
      ...overrides,
    });
    services.push(service);
    return service;
  }
  const runOf = (runId: string) =>
    createKyselyChatRunStore(deps.agents.db).get({ tenantId: member.tenantId }, runId);
  const messageRoles = async (conversationId: string) =>
    (
      await deps.agents.db
        .selectFrom('agent_messages')
        .select('role')
        .where('conversation_id', '=', conversationId)
        .orderBy('position')
        .execute()
    ).map((row) => row.role);

  it('terminal persistence is one transaction: a failing usage write leaves no answer and no finished run', async () => {
    const stores = createChatStores(deps);
    const service = serviceWith({
      transact: (work) =>
        stores.transact((tx) =>
          work({
            ...tx,
            usage: {
              recordRun: async () => {
                throw new Error('usage store down');
              },
            },
          }),
        ),
    });
    const caller = callerOf(member);
    const started = await service.startRun(caller, {
      message: 'use tool get_current_time',
      attachments: [],
    });
    const frames = await drain((await service.followRun(caller, started.runId, 0)).frames);
    expect(frames.filter((frame) => frame.kind === 'final' || frame.kind === 'error')).toHaveLength(1);
    expect(frames.at(-1)).toMatchObject({ kind: 'error' });
    expect((await started.outcome).status).toBe('failed');
    expect(await messageRoles(started.conversationId)).toEqual(['user']);
    expect(await runOf(started.runId)).toMatchObject({ status: 'failed' });
    const events = await deps.agents.db
      .selectFrom('agent_run_events')
      .select('id')
      .where('run_id', '=', started.runId)
      .execute();
    expect(events).toHaveLength(0);
  });

  it('a failing run row insert leaves neither the conversation nor the user message', async () => {
    const stores = createChatStores(deps);
    const service = serviceWith({
      transact: (work) =>
        stores.transact((tx) =>
          work({
            ...tx,
            runs: {
              ...tx.runs,
              create: async () => {
                throw new Error('registry down');
              },
            },
          }),
        ),
    });
    const conversationId = crypto.randomUUID();
    await expect(
      service.startRun(callerOf(member), {
        message: 'hello',
        attachments: [],
        conversation_id: conversationId,
      }),
    ).rejects.toThrow('registry down');
    const conversation = await deps.agents.db
      .selectFrom('agent_conversations')
      .select('id')
      .where('id', '=', conversationId)
      .executeTakeFirst();
    expect(conversation).toBeUndefined();
    expect(await messageRoles(conversationId)).toEqual([]);
  });

  it('a failing ledger append is logged and the live stream goes on: the follower gets the frames live, in order, once', async () => {
    const stores = createChatStores(deps);
    let failed = 0;
    const service = serviceWith({
      ledger: {
        ...stores.ledger,
        append: async (context, frame, json) => {
          // Every other frame fails, the terminal included: they reach the follower live only.
          if (frame.event_id % 2 === 0) {
            failed += 1;
            throw new Error('ledger down');
          }
          return stores.ledger.append(context, frame, json);
        },
      },
    });
    const caller = callerOf(member);
    const started = await service.startRun(caller, { message: 'use tool get_current_time', attachments: [] });
    const follower = await service.followRun(caller, started.runId, 0);
    const frames = await drain(follower.frames);
    expect((await started.outcome).status).toBe('completed');
    expect(failed).toBeGreaterThan(0);
    const ids = frames.map((frame) => frame.event_id);
    const stored = await stores.ledger.streamFrames({ tenantId: member.tenantId }, started.streamId, 0);
    const storedIds = stored.map((frame) => frame.event_id);
    expect(storedIds.every((id) => id % 2 === 1)).toBe(true);
    // In order, each once; every stored frame; the unstored ones that came after the follower joined.
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
    expect(storedIds.every((id) => ids.includes(id))).toBe(true);
    expect(ids.filter((id) => id % 2 === 0).length).toBeGreaterThan(0);
    expect(frames.at(-1)).toMatchObject({ kind: 'final' });
  });

  it('writes the run items to the run-event log: tool call, its output and the message', async () => {
    const response = await send(app, 'post', '/api/v1/chat', {
      token,
      body: { message: 'use tool get_current_time' },
    });
    expect(response.status).toBe(200);
    const { conversation_id: conversationId, metadata } = (await response.json()) as {
      conversation_id: string;
      metadata: { run_id: string };
    };
    const events = await send(app, 'get', `/api/v1/conversations/${conversationId}/events`, { token });
    expect(events.status).toBe(200);
    const { items } = (await events.json()) as { items: Record<string, unknown>[] };
    const call = items.find((item) => item.run_item_type === 'tool_call_item');
    const output = items.find((item) => item.run_item_type === 'tool_call_output_item');
    const message = items.find((item) => item.run_item_type === 'message_output_item');
    expect(call).toMatchObject({ run_id: metadata.run_id, tool_name: 'get_current_time', agent: 'triage' });
    expect(output).toMatchObject({ tool_call_id: call?.tool_call_id, call_output: expect.any(String) });
    expect(message).toMatchObject({ role: 'assistant', content: expect.any(String), agent: 'triage' });
    expect(items.every((item) => item.model !== undefined)).toBe(true);
  });

  it("a crashed owner's run is failed by a follower on another instance (run_orphaned)", async () => {
    // Instance A: a model that stalls, and a KV whose owner refreshes stop when A "crashes".
    let crashed = false;
    const crashableKv: KeyValueStore = new Proxy(deps.kv, {
      get(target, property) {
        if (property === 'set') {
          return (key: string, value: string, options?: Parameters<KeyValueStore['set']>[2]) =>
            crashed && key.startsWith('chat:run-owner:')
              ? Promise.resolve(true)
              : target.set(key, value, options);
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const stalling = await createAgentRuntime({
      modelProvider: createDemoModelProvider({ tokenDelayMs: 60_000 }),
    });
    const serviceA = serviceWith({
      runtime: stalling,
      kv: crashableKv,
      ownerHeartbeat: { ttlMs: 200, refreshMs: 50 },
    });
    const serviceB = serviceWith({ followRecheckMs: 60 });
    const caller = callerOf(member);
    const started = await serviceA.startRun(caller, { message: 'a reply that never comes', attachments: [] });
    expect(await deps.kv.get(ownerKey(started.runId))).not.toBeNull();
    // While A's heartbeat lives, B waits (several re-checks) instead of failing the run.
    const early = await serviceB.followRun(caller, started.runId, 0);
    const earlyFrames: PublicSseEvent[] = [];
    const reading = (async () => {
      for await (const frame of early.frames) earlyFrames.push(frame);
    })();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await runOf(started.runId)).toMatchObject({ status: 'running' });

    crashed = true;
    await reading;
    const terminal = earlyFrames.at(-1);
    expect(terminal).toMatchObject({
      kind: 'error',
      stream_id: started.streamId,
      conversation_id: started.conversationId,
      error: { code: 'run_orphaned', source: 'server' },
    });
    expect(terminal?.event_id).toBe((earlyFrames.at(-2)?.event_id ?? 0) + 1);
    expect(await runOf(started.runId)).toMatchObject({ status: 'failed' });
    // A later follower replays the same ending from the ledger.
    const replay = await drain((await serviceB.followRun(caller, started.runId, 0)).frames);
    expect(replay.at(-1)).toEqual(terminal);
    const cancel = await send(app, 'post', `/api/v1/chat/runs/${started.runId}/cancel`, { token });
    expect(cancel.status).toBe(409);

    // Let A's frozen drive end (cancel reaches it over the channel), so nothing is left running.
    await deps.kv.publish(
      CANCEL_CHANNEL,
      JSON.stringify({ tenantId: member.tenantId, runId: started.runId }),
    );
    await started.outcome;
    await stalling.close();
  });

  it('only the starter or a tenant admin/owner may follow, cancel or approve a run; other members get 404', async () => {
    const colleague = await createMember(deps, { tenantId: member.tenantId as TenantId, role: 'member' });
    const colleagueToken = await accessToken(app, colleague);
    const admin = await createMember(deps, { tenantId: member.tenantId as TenantId, role: 'admin' });
    const adminToken = await accessToken(app, admin);

    const started = await postStream(app, token, { message: REFUND_MESSAGE, agent_type: APPROVER_AGENT });
    const runId = started.headers.get('x-run-id') as string;
    await readSse(started);
    const run = await runOf(runId);
    const toolCallId = run?.pendingApprovals[0]?.toolCallId as string;

    const stream = await followStream(app, colleagueToken, runId);
    const cancel = await send(app, 'post', `/api/v1/chat/runs/${runId}/cancel`, { token: colleagueToken });
    const approvals = await send(app, 'post', `/api/v1/chat/runs/${runId}/approvals`, {
      token: colleagueToken,
      body: { tool_call_id: toolCallId, approve: true },
    });
    expect([stream.status, cancel.status, approvals.status]).toEqual([404, 404, 404]);

    const adminStream = await followStream(app, adminToken, runId);
    expect(adminStream.status).toBe(200);
    await readSse(adminStream);
    const approved = await send(app, 'post', `/api/v1/chat/runs/${runId}/approvals`, {
      token: adminToken,
      body: { tool_call_id: toolCallId, approve: true },
    });
    expect(approved.status).toBe(202);
    const resumed = (await readSse(await followStream(app, token, runId))).frames.map((frame) => frame.event);
    expect(resumed.at(-1)).toMatchObject({ kind: 'final', final: { status: 'completed' } });
  });

  it('validates run_options and context (422) and applies max_turns', async () => {
    const bad = [
      { message: 'x', run_options: { run_config: { model: 'gpt-5' } } },
      { message: 'x', run_options: { run_config: { model_settings: { seed: 1 } } } },
      { message: 'x', run_options: { handoff_input_filter: 'everything' } },
      { message: 'x', context: { blob: 'y'.repeat(17 * 1024) } },
    ];
    for (const body of bad) {
      const response = await send(app, 'post', '/api/v1/chat', { token, body });
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(422);
    }
    const ok = await postStream(app, token, {
      message: 'use tool get_current_time',
      context: { team: 'blue' },
      run_options: {
        max_turns: 1,
        handoff_context_policy: 'fresh',
        run_config: { model_settings: { temperature: 0.2, top_p: 0.9, max_tokens: 300 } },
      },
    });
    expect(ok.status).toBe(200);
    const frames = (await readSse(ok)).frames.map((frame) => frame.event);
    // A tool call needs a second turn: one turn is not enough, so the run fails.
    expect(frames.at(-1)).toMatchObject({ kind: 'error' });
  });
});
