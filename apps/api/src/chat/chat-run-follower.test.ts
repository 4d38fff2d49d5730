import type { ChatRunRecord, ChatRunStore } from '@starter/agent-runtime';
import type { Logger, PublicSseEvent } from '@starter/contracts';
import { createMemoryKeyValueStore } from '@starter/providers';
import { describe, expect, it } from 'vitest';
import type { ChatLedgerPort } from './chat-ports.js';
import { createRunFeed } from './chat-run-feed.js';
import { openRunFollower } from './chat-run-follower.js';

const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silentLogger };
const scope = { tenantId: '00000000-0000-4000-8000-000000000001' };
const STREAM = 'chat_stream';

function frame(eventId: number, kind: 'text.delta' | 'final' = 'text.delta'): PublicSseEvent {
  return { event_id: eventId, stream_id: STREAM, kind } as PublicSseEvent;
}

function record(status: ChatRunRecord['status']): ChatRunRecord {
  return {
    runId: 'run_1',
    tenantId: scope.tenantId,
    userId: null,
    conversationId: 'conversation',
    agentKey: 'triage',
    streamId: STREAM,
    status,
    messagePosition: 1,
    requestMessage: 'hi',
    state: null,
    pendingApprovals: [],
    createdAt: new Date(0),
    updatedAt: new Date(0),
    finishedAt: null,
  };
}

/** Ledger, registry and KV fakes whose contents the test changes as the "run" goes on. */
function fakes() {
  const stored: PublicSseEvent[] = [];
  let status: ChatRunRecord['status'] = 'running';
  const ledger: ChatLedgerPort = {
    append: async (_context, appended) => void stored.push(appended),
    streamFrames: async (_scope, _stream, after) => stored.filter((stored) => stored.event_id > after),
  };
  const runs = { get: async () => record(status) } as unknown as ChatRunStore;
  const kv = createMemoryKeyValueStore();
  return {
    stored,
    finish: () => {
      status = 'completed';
    },
    deps: { kv, ledger, runs, logger: silentLogger, now: () => new Date(0), recheckMs: 60_000 },
  };
}

async function readAll(frames: AsyncIterable<PublicSseEvent>): Promise<PublicSseEvent[]> {
  const out: PublicSseEvent[] = [];
  for await (const next of frames) out.push(next);
  return out;
}

describe('openRunFollower with a local feed', () => {
  it('takes live frames from the feed, not the KV channel', async () => {
    const { stored, deps } = fakes();
    const feed = createRunFeed();
    const follower = await openRunFollower({ ...deps, localFeed: () => feed }, scope, 'run_1', 0);
    const reading = readAll(follower.frames);
    for (const next of [frame(1), frame(2), frame(3, 'final')]) {
      stored.push(next);
      feed.deliver(next);
      // Published frames are ignored: this follower does not listen to the channel.
      await deps.kv.publish('chat:run:run_1', JSON.stringify(frame(99)));
    }
    expect((await reading).map((next) => next.event_id)).toEqual([1, 2, 3]);
  });

  it('a drive that ends without a terminal ends the follow at once from the registry and ledger', async () => {
    const { stored, finish, deps } = fakes();
    const feed = createRunFeed();
    const follower = await openRunFollower({ ...deps, localFeed: () => feed }, scope, 'run_1', 0);
    const reading = readAll(follower.frames);
    stored.push(frame(1));
    feed.deliver(frame(1));
    // Frame 2 is in the ledger but was never delivered; the registry now says the run is over.
    stored.push(frame(2));
    finish();
    feed.end();
    // recheckMs is a minute: only the feed's end can make this resolve within the test's timeout.
    expect((await reading).map((next) => next.event_id)).toEqual([1, 2]);
  });

  it('falls back to the KV channel when the feed has already ended', async () => {
    const { stored, deps } = fakes();
    const feed = createRunFeed();
    feed.end();
    const follower = await openRunFollower({ ...deps, localFeed: () => feed }, scope, 'run_1', 0);
    const reading = readAll(follower.frames);
    for (const next of [frame(1), frame(2, 'final')]) {
      stored.push(next);
      await deps.kv.publish('chat:run:run_1', JSON.stringify(next));
    }
    expect((await reading).map((next) => next.event_id)).toEqual([1, 2]);
  });
});
