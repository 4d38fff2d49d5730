import type { KeyValueStore, PublicSseEvent } from '@starter/contracts';
import { checkStreamInvariants } from '@starter/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { runChannel } from '../../chat/chat-run-channel.js';
import { type ChatService, createChatService, createChatStores } from '../../chat/index.js';
import type { TestDependencies } from '../../dependencies/create-test-dependencies.js';
import { callerOf, chatUser, createChatTestDependencies, drain, type TestApp } from './chat-test-support.js';

/** A replica's view of the shared KV that records its run-channel traffic (and can drop publishes). */
function spyingKv(kv: KeyValueStore, options: { dropRunPublishes?: boolean } = {}) {
  const subscribed: string[] = [];
  const published: string[] = [];
  const store: KeyValueStore = new Proxy(kv, {
    get(target, property) {
      if (property === 'subscribe') {
        return (channel: string, onMessage: (message: string) => void) => {
          subscribed.push(channel);
          return target.subscribe(channel, onMessage);
        };
      }
      if (property === 'publish') {
        return (channel: string, message: string) => {
          published.push(channel);
          return options.dropRunPublishes && channel.startsWith('chat:run:')
            ? Promise.resolve()
            : target.publish(channel, message);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store, subscribed, published };
}

/**
 * Local fan-out: followers on the instance driving a run take its frames in-process from the driver;
 * followers on another instance still get them through the KV channel.
 */
describe('chat run local fan-out', { timeout: 60_000 }, () => {
  let deps: TestDependencies;
  let app: TestApp;
  let member: { userId: string; tenantId: string };
  const services: ChatService[] = [];

  beforeAll(async () => {
    deps = await createChatTestDependencies({}, { tokenDelayMs: 10 });
    app = createApp(deps);
    member = (await chatUser(deps, app)).member;
  }, 120_000);
  afterAll(async () => {
    for (const service of services) await service.close(5_000);
    await deps?.dispose();
  });

  /** A chat service of its own (a replica) on the test database, with `kv` as its KV. */
  function replica(
    kv: KeyValueStore,
    overrides: Partial<Parameters<typeof createChatService>[0]> = {},
  ): ChatService {
    const stores = createChatStores(deps);
    const service = createChatService({
      ...stores,
      runtime: deps.agents.runtime,
      kv,
      activity: deps.identity.activity,
      logger: deps.logger,
      now: () => deps.clock.date(),
      // Long enough that only live frames (never the idle registry re-check) can end a follow here.
      followRecheckMs: 60_000,
      ...overrides,
    });
    services.push(service);
    return service;
  }

  const ledgerFrames = (streamId: string) =>
    createChatStores(deps).ledger.streamFrames({ tenantId: member.tenantId }, streamId, 0);

  it('a follower on the driving instance gets every frame in-process, without the KV channel', async () => {
    // The KV drops this replica's run-channel publishes: anything its follower gets live came in-process.
    const kvA = spyingKv(deps.kv, { dropRunPublishes: true });
    const serviceA = replica(kvA.store);
    const caller = callerOf(member);
    const started = await serviceA.startRun(caller, {
      message: 'a few words for the local follower to read',
      attachments: [],
    });
    const frames = await drain((await serviceA.followRun(caller, started.runId, 0)).frames);
    await started.outcome;

    expect(checkStreamInvariants(frames)).toEqual([]);
    expect(frames.at(-1)).toMatchObject({ kind: 'final', final: { status: 'completed' } });
    expect(frames.map((frame) => frame.event_id)).toEqual(frames.map((_, index) => index + 1));
    expect(frames).toEqual(await ledgerFrames(started.streamId));
    expect(kvA.subscribed).not.toContain(runChannel(started.runId));
    // The publish still happens (for other replicas): once per frame, in order of emission.
    expect(kvA.published.filter((channel) => channel === runChannel(started.runId))).toHaveLength(
      frames.length,
    );
  });

  it('streamRun follows the new run from its first frame without reading the registry or the ledger', async () => {
    const stores = createChatStores(deps);
    const reads = { runs: 0, ledger: 0 };
    const service = replica(deps.kv, {
      runs: {
        ...stores.runs,
        get: (...args) => {
          reads.runs += 1;
          return stores.runs.get(...args);
        },
      },
      ledger: {
        ...stores.ledger,
        streamFrames: (...args) => {
          reads.ledger += 1;
          return stores.ledger.streamFrames(...args);
        },
      },
    });
    const { started, follower } = await service.streamRun(callerOf(member), {
      message: 'a few words read from the very first frame',
      attachments: [],
    });
    expect(follower.run).toMatchObject({
      runId: started.runId,
      streamId: started.streamId,
      status: 'running',
    });
    const frames = await drain(follower.frames);
    await started.outcome;

    expect(checkStreamInvariants(frames)).toEqual([]);
    expect(frames.map((frame) => frame.event_id)).toEqual(frames.map((_, index) => index + 1));
    expect(frames.at(-1)).toMatchObject({ kind: 'final', final: { status: 'completed' } });
    expect(frames).toEqual(await ledgerFrames(started.streamId));
    expect(reads).toEqual({ runs: 0, ledger: 0 });
  });

  it('a follower on another instance gets the frames through the KV; both see each frame once, in order', async () => {
    const kvA = spyingKv(deps.kv);
    const kvB = spyingKv(deps.kv);
    const serviceA = replica(kvA.store);
    const serviceB = replica(kvB.store);
    const caller = callerOf(member);
    const started = await serviceA.startRun(caller, {
      message: 'a longer answer so that both followers join while it is still running',
      attachments: [],
    });
    const localFollower = await serviceA.followRun(caller, started.runId, 0);
    // B joins mid-stream after the frames A's follower has read so far (ledger replay, then live).
    const local: PublicSseEvent[] = [];
    let remote: Promise<PublicSseEvent[]> | undefined;
    for await (const frame of localFollower.frames) {
      local.push(frame);
      if (local.length === 3) {
        const follower = await serviceB.followRun(caller, started.runId, 2);
        remote = drain(follower.frames);
      }
    }
    const fromB = (await remote) ?? [];
    await started.outcome;

    const all = await ledgerFrames(started.streamId);
    expect(all.at(-1)).toMatchObject({ kind: 'final' });
    expect(local).toEqual(all);
    expect(fromB).toEqual(all.slice(2));
    expect(kvA.subscribed).not.toContain(runChannel(started.runId));
    expect(kvB.subscribed).toContain(runChannel(started.runId));
  });

  it('a local follower opened after the drive ended replays the ledger and ends', async () => {
    const serviceA = replica(spyingKv(deps.kv).store);
    const caller = callerOf(member);
    const started = await serviceA.startRun(caller, { message: 'short', attachments: [] });
    await started.outcome;
    const frames = await drain((await serviceA.followRun(caller, started.runId, 0)).frames);
    expect(frames).toEqual(await ledgerFrames(started.streamId));
    expect(frames.at(-1)).toMatchObject({ kind: 'final' });
  });
});
