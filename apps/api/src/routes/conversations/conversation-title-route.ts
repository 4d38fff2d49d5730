import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { type MessageRecord, streamConversationTitle } from '@starter/agent-runtime';
import { AppError } from '@starter/contracts';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import {
  CONVERSATIONS_PATH,
  type ConversationRouteDeps,
  READ,
  SSE_HEADERS,
  tags,
} from './conversation-route-deps.js';
import { ConversationParamSchema } from './conversation-schemas.js';
import { DONE_FRAME, sseBody, textFrame } from './sse-body.js';

async function firstUserMessage(
  deps: ConversationRouteDeps,
  scope: { tenantId: string },
  id: string,
): Promise<MessageRecord | null> {
  let cursor: string | undefined;
  do {
    const page = await deps.store.messages(scope, id, { limit: 50, direction: 'asc', cursor });
    const found = page.items.find((message) => message.role === 'user');
    if (found !== undefined) return found;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return null;
}

/** `GET /conversations/{id}/stream` (spec §1.12, §2.8): the title as SSE, generated when missing. */
export function registerConversationTitleRoute(app: OpenAPIHono<AppEnv>, deps: ConversationRouteDeps): void {
  const route = createRoute({
    method: 'get',
    path: `${CONVERSATIONS_PATH}/{id}/stream`,
    tags,
    summary: 'Stream the title: the stored one, else a generated one in chunks; ends with [DONE]',
    request: { params: ConversationParamSchema },
    responses: {
      200: {
        description: '`data: <text>` frames, then `data: [DONE]`',
        content: { 'text/event-stream': { schema: z.string() } },
      },
      404: errorResponse('No such conversation, or it has no user message yet'),
    },
  });
  app.openapi(deps.authorizer.protect(route, READ), async (c) => {
    const { id } = c.req.valid('param');
    const scope = { tenantId: c.get('tenant').tenantId };
    const logger = c.get('logger');
    // Everything that can fail with a status is checked before the first byte.
    const conversation = await deps.store.get(scope, id);
    if (conversation === null) throw new AppError('NotFound', 'Conversation not found.');
    const existing = conversation.title;
    const message = existing === null ? await firstUserMessage(deps, scope, id) : null;
    if (existing === null && message === null) {
      throw new AppError('NotFound', 'The conversation has no user message to title yet.');
    }
    const signal = c.req.raw.signal;

    async function* frames(): AsyncGenerator<string> {
      if (existing !== null) {
        yield textFrame(existing);
        yield DONE_FRAME;
        return;
      }
      let title = '';
      try {
        for await (const chunk of streamConversationTitle({
          modelProvider: deps.runtime.modelProvider,
          model: deps.titleModel,
          message: message?.content ?? '',
          signal,
        })) {
          title += chunk;
          yield textFrame(chunk);
        }
        if (title.trim() !== '') await deps.store.setTitle(scope, id, title, true);
      } catch (error) {
        // The client already has a 200: log, leave the title unset for a later attempt, still end cleanly.
        logger.warn(
          { event: 'conversations.title_failed', conversation_id: id, err: error },
          'Title generation failed',
        );
      }
      yield DONE_FRAME;
    }

    return new Response(sseBody(frames(), logger, 'conversations.title_stream_failed'), {
      status: 200,
      headers: SSE_HEADERS,
    });
  });
}
