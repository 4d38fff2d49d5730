import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '@starter/contracts';
import { requestOrigin } from '../../auth/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { clearConversation, truncateConversation } from './conversation-cleanup.js';
import {
  ADMIN_DELETE,
  ADMIN_WRITE,
  CONVERSATIONS_PATH,
  type ConversationRouteDeps,
  json,
  tags,
  tenantScope,
  WRITE,
} from './conversation-route-deps.js';
import {
  ConversationParamSchema,
  ConversationSchema,
  conversationView,
  MemoryBodySchema,
  MessageParamSchema,
  memoryPatchOf,
  TitleBodySchema,
} from './conversation-schemas.js';

const TruncatedSchema = z
  .object({
    conversation_id: z.uuid(),
    deleted_message_id: z.uuid(),
    truncated_from_position: z.number().int(),
  })
  .openapi('ConversationTruncated');
const notFound = errorResponse('No such conversation in the tenant');

/** The write routes of spec §1.12: truncate, memory defaults, title, clear. */
export function registerConversationWriteRoutes(app: OpenAPIHono<AppEnv>, deps: ConversationRouteDeps): void {
  const { authorizer, store } = deps;

  const deleteMessage = createRoute({
    method: 'delete',
    path: `${CONVERSATIONS_PATH}/{id}/messages/{message_id}`,
    tags,
    summary: 'Delete a user message and everything after it',
    request: { params: MessageParamSchema },
    responses: {
      200: { description: 'The conversation was truncated', content: json(TruncatedSchema) },
      404: errorResponse('No such conversation or message'),
      409: errorResponse('The message is not a user message'),
    },
  });
  app.openapi(authorizer.protect(deleteMessage, WRITE), async (c) => {
    const { id, message_id: messageId } = c.req.valid('param');
    const position = await truncateConversation(deps, tenantScope(c).tenantId, id, messageId);
    return c.json(
      { conversation_id: id, deleted_message_id: messageId, truncated_from_position: position },
      200,
    );
  });

  const memory = createRoute({
    method: 'patch',
    path: `${CONVERSATIONS_PATH}/{id}/memory`,
    tags,
    summary: 'Set or clear per-conversation memory defaults (only the given fields change)',
    request: { params: ConversationParamSchema, body: { required: true, content: json(MemoryBodySchema) } },
    responses: { 200: { description: 'The conversation', content: json(ConversationSchema) }, 404: notFound },
  });
  app.openapi(authorizer.protect(memory, ADMIN_WRITE), async (c) => {
    const { id } = c.req.valid('param');
    const updated = await store.updateMemory(tenantScope(c), id, memoryPatchOf(c.req.valid('json')));
    return c.json(conversationView(updated), 200);
  });

  const title = createRoute({
    method: 'patch',
    path: `${CONVERSATIONS_PATH}/{id}/title`,
    tags,
    summary: 'Set the title by hand',
    request: { params: ConversationParamSchema, body: { required: true, content: json(TitleBodySchema) } },
    responses: { 200: { description: 'The conversation', content: json(ConversationSchema) }, 404: notFound },
  });
  app.openapi(authorizer.protect(title, WRITE), async (c) => {
    const { id } = c.req.valid('param');
    const scope = tenantScope(c);
    await store.setTitle(scope, id, c.req.valid('json').title, false);
    const updated = await store.get(scope, id);
    // Deleted between the two statements: the same answer as before the update.
    if (updated === null) throw new AppError('NotFound', 'Conversation not found.');
    return c.json(conversationView(updated), 200);
  });

  const clear = createRoute({
    method: 'delete',
    path: `${CONVERSATIONS_PATH}/{id}`,
    tags,
    summary: 'Delete the conversation, its messages, run events, ledger and memory',
    request: { params: ConversationParamSchema },
    responses: { 204: { description: 'Deleted' }, 404: notFound },
  });
  app.openapi(authorizer.protect(clear, ADMIN_DELETE), async (c) => {
    const { id } = c.req.valid('param');
    const { tenantId, role } = c.get('tenant');
    const cleared = await clearConversation(deps, tenantId, id);
    await deps.activity.record({
      action: 'conversation.cleared',
      tenantId,
      actor: { type: 'user', id: c.get('auth').userId, role },
      object: { type: 'conversation', id, name: cleared.title },
      origin: requestOrigin(c),
    });
    return c.body(null, 204);
  });
}
