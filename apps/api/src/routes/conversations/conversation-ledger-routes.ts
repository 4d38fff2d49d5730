import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { formatSseFrame } from '@starter/contracts';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import {
  assertConversation,
  CONVERSATIONS_PATH,
  type ConversationRouteDeps,
  conversationPageRoute,
  READ,
  SSE_HEADERS,
  tags,
  tenantScope,
} from './conversation-route-deps.js';
import {
  ConversationParamSchema,
  type LedgerFrameJson,
  LedgerPageSchema,
  LedgerQuerySchema,
} from './conversation-schemas.js';
import { sseBody } from './sse-body.js';

const badCursor = errorResponse('Malformed cursor');
const notFound = errorResponse('No such conversation in the tenant');
// Replay reads in large pages: it is one client draining history, not an interactive list.
const REPLAY_PAGE = 500;

/** The ledger replay routes of spec §1.12 / §2.7: paged frames and their SSE replay. */
export function registerConversationLedgerRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: ConversationRouteDeps,
): void {
  const { authorizer, store, ledger } = deps;

  const events = conversationPageRoute(
    'ledger/events',
    'Persisted public_sse_v1 frames of the conversation (truncated turns hidden)',
    LedgerQuerySchema,
    LedgerPageSchema,
  );
  app.openapi(authorizer.protect(events, READ), async (c) => {
    const { id } = c.req.valid('param');
    const { limit, cursor, workflow_run_id: workflowRunId } = c.req.valid('query');
    const scope = tenantScope(c);
    await assertConversation(store, scope, id);
    const page = await ledger.conversationFrames(scope, id, { limit, cursor, workflowRunId });
    return c.json(
      {
        conversation_id: id,
        // Frames were validated when recorded; the cast only bridges Hono's JSON typing of the union.
        items: page.items.map((entry) => entry.frame as unknown as LedgerFrameJson),
        next_cursor: page.nextCursor,
      },
      200,
    );
  });

  const stream = createRoute({
    method: 'get',
    path: `${CONVERSATIONS_PATH}/{id}/ledger/stream`,
    tags,
    summary: 'Replay the persisted frames as server-sent events',
    request: {
      params: ConversationParamSchema,
      query: LedgerQuerySchema.omit({ limit: true }),
    },
    responses: {
      200: {
        description: '`id: <event_id>` + `data: <public_sse_v1 JSON>` frames, then the stream ends',
        content: { 'text/event-stream': { schema: z.string() } },
      },
      400: badCursor,
      404: notFound,
    },
  });
  app.openapi(authorizer.protect(stream, READ), async (c) => {
    const { id } = c.req.valid('param');
    const { cursor, workflow_run_id: workflowRunId } = c.req.valid('query');
    const scope = tenantScope(c);
    await assertConversation(store, scope, id);
    // Preflight: the first page is read before the first byte, so a bad cursor is still a 400.
    const first = await ledger.conversationFrames(scope, id, { limit: REPLAY_PAGE, cursor, workflowRunId });

    async function* frames(): AsyncGenerator<string> {
      let page = first;
      for (;;) {
        for (const entry of page.items) yield formatSseFrame(entry.frame);
        if (page.nextCursor === null) return;
        page = await ledger.conversationFrames(scope, id, {
          limit: REPLAY_PAGE,
          cursor: page.nextCursor,
          workflowRunId,
        });
      }
    }

    return new Response(sseBody(frames(), c.get('logger'), 'conversations.ledger_replay_failed'), {
      status: 200,
      headers: SSE_HEADERS,
    });
  });
}
