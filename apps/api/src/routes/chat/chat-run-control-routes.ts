import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '@starter/contracts';
import type { AppEnv } from '../../http/app-env.js';
import { tenantCaller } from '../tenants/tenant-caller.js';
import { CHAT_PREFIX, CHAT_REQUIREMENT } from './chat-route-deps.js';
import type { ChatRouteDeps } from './chat-routes.js';
import {
  type ApprovalsBody,
  ApprovalsBodySchema,
  RunAcceptedSchema,
  RunIdParamSchema,
  SSE_CONTENT,
} from './chat-schemas.js';
import { followResponse } from './follow-response.js';

const RUNS = `${CHAT_PREFIX}/runs/{run_id}`;
const accepted = {
  202: { description: 'Accepted', content: { 'application/json': { schema: RunAcceptedSchema } } },
};

/** `Last-Event-ID` (header, or `last_event_id` for clients that cannot set headers): 0 = from the start. */
function afterEventId(header: string | undefined, query: string | undefined): number {
  const raw = (header ?? query ?? '0').trim();
  if (!/^\d{1,15}$/.test(raw))
    throw new AppError('BadRequest', 'Last-Event-ID must be a non-negative integer.');
  return Number(raw);
}

function decisionsOf(body: ApprovalsBody) {
  const list = 'decisions' in body ? body.decisions : [body];
  return list.map((decision) => ({
    toolCallId: decision.tool_call_id,
    approve: decision.approve,
    ...(decision.reason === undefined ? {} : { reason: decision.reason }),
  }));
}

/** Resume (GET stream), cancel and approve a chat run, from any replica (spec §14). */
export function registerChatRunControlRoutes(app: OpenAPIHono<AppEnv>, deps: ChatRouteDeps): void {
  const { service, authorizer } = deps;

  const follow = createRoute({
    method: 'get',
    path: `${RUNS}/stream`,
    tags: ['Chat'],
    summary: 'Replay a run after Last-Event-ID, then follow it live',
    request: {
      params: RunIdParamSchema,
      query: z.object({ last_event_id: z.string().optional() }),
      headers: z.object({ 'last-event-id': z.string().optional() }),
    },
    responses: { 200: { description: 'The run as Server-Sent Events', content: SSE_CONTENT } },
  });
  app.openapi(authorizer.protect(follow, CHAT_REQUIREMENT), async (c) => {
    const after = afterEventId(c.req.header('last-event-id'), c.req.query('last_event_id'));
    const caller = tenantCaller(c);
    const runId = c.req.valid('param').run_id;
    return followResponse(c, deps, (signal) => service.followRun(caller, runId, after, signal));
  });

  const cancel = createRoute({
    method: 'post',
    path: `${RUNS}/cancel`,
    tags: ['Chat'],
    summary: 'Cancel a running run (the replica driving it stops it)',
    request: { params: RunIdParamSchema },
    responses: accepted,
  });
  app.openapi(authorizer.protect(cancel, CHAT_REQUIREMENT), async (c) => {
    const runId = c.req.valid('param').run_id;
    await service.cancelRun(tenantCaller(c), runId);
    return c.json({ run_id: runId, status: 'cancelling' }, 202);
  });

  const approvals = createRoute({
    method: 'post',
    path: `${RUNS}/approvals`,
    tags: ['Chat'],
    summary: 'Approve or reject the tool calls a paused run waits on, and resume it',
    request: {
      params: RunIdParamSchema,
      body: { required: true, content: { 'application/json': { schema: ApprovalsBodySchema } } },
    },
    responses: accepted,
  });
  app.openapi(authorizer.protect(approvals, CHAT_REQUIREMENT), async (c) => {
    const runId = c.req.valid('param').run_id;
    const resumed = await service.resumeRun(tenantCaller(c), runId, decisionsOf(c.req.valid('json')));
    return c.json({ run_id: resumed.runId, stream_id: resumed.streamId, status: 'running' }, 202);
  });
}
