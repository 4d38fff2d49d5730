import {
  type AgentRuntimeOptions,
  createDemoModelProvider,
  defineAgent,
  defineFunctionTool,
  functionToolEntry,
} from '@starter/agent-runtime';
import { type PublicSseEvent, parseSseFrame, type TenantId, type UserId } from '@starter/contracts';
import type { TenantCaller } from '@starter/identity';
import { z } from 'zod';
import type { createApp } from '../../app.js';
import { createAgents } from '../../dependencies/agents.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import { createMember, type TestMember } from '../auth/auth-test-support.js';
import { accessToken, send } from '../platform/platform-test-support.js';

/** A test agent whose only tool needs a human approval (the bundled agents have none). */
export const APPROVER_AGENT = 'approver';
export const REFUND_MESSAGE = 'use tool issue_refund {"order_id":"A1","amount":250}';

const refund = defineFunctionTool({
  name: 'issue_refund',
  description: 'Refunds an order.',
  parameters: z.object({ order_id: z.string(), amount: z.number() }),
  needsApproval: true,
  execute: async ({ order_id, amount }) => `refunded ${amount} on ${order_id}`,
});

const approver = defineAgent({
  key: APPROVER_AGENT,
  displayName: 'Approver',
  description: 'Issues refunds after approval.',
  instructions: 'Help with refunds.',
  toolKeys: ['issue_refund'],
});

/**
 * Test dependencies whose agent runtime has the approval agent and (optionally) a slow demo model, so a
 * stream can be interrupted mid-way. With REDIS_URL the KV, and so the live channel, is real Redis.
 */
export async function createChatTestDependencies(
  env: Record<string, string> = {},
  options: { tokenDelayMs?: number; modelProvider?: AgentRuntimeOptions['modelProvider'] } = {},
): Promise<TestDependencies> {
  const deps = await createTestDependencies(env, undefined, { migrate: true });
  await deps.agents.runtime.close();
  deps.agents = await createAgents({
    settings: deps.settings,
    database: deps.database,
    clock: deps.clock,
    modelProvider:
      options.modelProvider ?? createDemoModelProvider({ tokenDelayMs: options.tokenDelayMs ?? 0 }),
    extraAgents: [approver],
    extraTools: [functionToolEntry(refund)],
  });
  return deps;
}

export type TestApp = ReturnType<typeof createApp>;

/** A member of a fresh tenant and their access token on `app`. */
export async function chatUser(
  deps: TestDependencies,
  app: TestApp,
  role: 'owner' | 'member' | 'viewer' = 'member',
): Promise<{ member: TestMember; token: string }> {
  const member = await createMember(deps, { role });
  return { member, token: await accessToken(app, member) };
}

/** One SSE frame as received: the `id:` line and the event, or a heartbeat comment. */
export interface ReceivedFrame {
  readonly id: number | null;
  readonly event: PublicSseEvent;
}

/**
 * Reads SSE frames off a response. `stopAfter` cancels the body once that many events arrived (a client
 * going away); `onEvent` runs for each event before the next one is read.
 */
export async function readSse(
  response: Response,
  options: { stopAfter?: number; onEvent?: (frame: ReceivedFrame) => Promise<void> | void } = {},
): Promise<{ frames: ReceivedFrame[]; comments: string[] }> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const frames: ReceivedFrame[] = [];
  const comments: string[] = [];
  let buffer = '';
  while (true) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let boundary = buffer.indexOf('\n\n');
    while (boundary !== -1) {
      const parsed = parseSseFrame(buffer.slice(0, boundary + 2));
      buffer = buffer.slice(boundary + 2);
      boundary = buffer.indexOf('\n\n');
      if (parsed.type === 'comment') {
        comments.push(parsed.comment);
        continue;
      }
      const frame = { id: parsed.id, event: parsed.event };
      frames.push(frame);
      await options.onEvent?.(frame);
      if (options.stopAfter !== undefined && frames.length >= options.stopAfter) {
        await reader.cancel();
        return { frames, comments };
      }
    }
  }
  return { frames, comments };
}

/** POST /chat/stream. */
export function postStream(app: TestApp, token: string, body: unknown): Promise<Response> {
  return send(app, 'post', '/api/v1/chat/stream', { token, body });
}

/** GET /chat/runs/{id}/stream after an event id. */
export function followStream(
  app: TestApp,
  token: string,
  runId: string,
  lastEventId?: number,
): Promise<Response> {
  return send(app, 'get', `/api/v1/chat/runs/${runId}/stream`, {
    token,
    headers: lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) },
  });
}

export { send };

/** A tenant caller for driving the chat service directly (no HTTP, no token). */
export const callerOf = (
  member: { userId: string; tenantId: string },
  role: TenantCaller['role'] = 'member',
): TenantCaller =>
  ({
    userId: member.userId as UserId,
    tenantId: member.tenantId as TenantId,
    role,
    scopes: ['conversations:write'],
    origin: { ip: '127.0.0.1', userAgent: 'test' },
  }) as unknown as TenantCaller;

/** Reads every frame of a run (or follower) to its end. */
export async function drain(frames: AsyncIterable<PublicSseEvent>): Promise<PublicSseEvent[]> {
  const out: PublicSseEvent[] = [];
  for await (const frame of frames) out.push(frame);
  return out;
}
