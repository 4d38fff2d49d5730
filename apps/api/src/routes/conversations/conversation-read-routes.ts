import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { AppError } from '@starter/contracts';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import {
  assertConversation,
  CONVERSATIONS_PATH,
  type ConversationRouteDeps,
  conversationPageRoute,
  json,
  READ,
  tags,
  tenantScope,
} from './conversation-route-deps.js';
import {
  ConversationPageSchema,
  ConversationParamSchema,
  conversationView,
  EventsQuerySchema,
  HistorySchema,
  ListQuerySchema,
  MessagePageSchema,
  MessagesQuerySchema,
  messageView,
  RunEventPageSchema,
  runEventView,
  SearchPageSchema,
  SearchQuerySchema,
  searchHitView,
} from './conversation-schemas.js';

/** Most messages the history route returns; older ones are paged with `/messages`. */
const HISTORY_MESSAGES = 1000;
const badCursor = errorResponse('Malformed cursor, or a cursor of another list');
const notFound = errorResponse('No such conversation in the tenant');

/** The read routes of spec §1.12: list, search, history, messages, run events. */
export function registerConversationReadRoutes(app: OpenAPIHono<AppEnv>, deps: ConversationRouteDeps): void {
  const { authorizer, store } = deps;

  const list = createRoute({
    method: 'get',
    path: CONVERSATIONS_PATH,
    tags,
    summary: "The tenant's conversations, latest activity first",
    request: { query: ListQuerySchema },
    responses: { 200: { description: 'A page', content: json(ConversationPageSchema) }, 400: badCursor },
  });
  app.openapi(authorizer.protect(list, READ), async (c) => {
    const { limit, cursor, agent } = c.req.valid('query');
    const page = await store.list(tenantScope(c), { limit, cursor, agent });
    return c.json({ items: page.items.map(conversationView), next_cursor: page.nextCursor }, 200);
  });

  // Registered before `/{id}` so "search" is never taken for a conversation id.
  const search = createRoute({
    method: 'get',
    path: `${CONVERSATIONS_PATH}/search`,
    tags,
    summary: 'Full-text search over titles and messages',
    request: { query: SearchQuerySchema },
    responses: { 200: { description: 'Matches', content: json(SearchPageSchema) }, 400: badCursor },
  });
  app.openapi(authorizer.protect(search, READ), async (c) => {
    const { q, limit, cursor, agent } = c.req.valid('query');
    const page = await store.search(tenantScope(c), { q, limit, cursor, agent });
    return c.json({ items: page.items.map(searchHitView), next_cursor: page.nextCursor }, 200);
  });

  const history = createRoute({
    method: 'get',
    path: `${CONVERSATIONS_PATH}/{id}`,
    tags,
    summary: 'A conversation with its messages',
    request: { params: ConversationParamSchema },
    responses: { 200: { description: 'The history', content: json(HistorySchema) }, 404: notFound },
  });
  app.openapi(authorizer.protect(history, READ), async (c) => {
    const { id } = c.req.valid('param');
    const scope = tenantScope(c);
    const conversation = await store.get(scope, id);
    if (conversation === null) throw new AppError('NotFound', 'Conversation not found.');
    // The latest messages, oldest first: a long conversation stays one bounded read.
    const page = await store.messages(scope, id, { limit: HISTORY_MESSAGES, direction: 'desc' });
    return c.json(
      {
        ...conversationView(conversation),
        messages: page.items.map(messageView).reverse(),
        messages_truncated: page.nextCursor !== null,
      },
      200,
    );
  });

  const messages = conversationPageRoute(
    'messages',
    'Messages of a conversation, paged by position',
    MessagesQuerySchema,
    MessagePageSchema,
  );
  app.openapi(authorizer.protect(messages, READ), async (c) => {
    const { id } = c.req.valid('param');
    const { limit, cursor, direction } = c.req.valid('query');
    const scope = tenantScope(c);
    await assertConversation(store, scope, id);
    const page = await store.messages(scope, id, { limit, cursor, direction });
    return c.json({ items: page.items.map(messageView), next_cursor: page.nextCursor }, 200);
  });

  const events = conversationPageRoute(
    'events',
    'Run-event log: tool calls, messages, reasoning, compaction',
    EventsQuerySchema,
    RunEventPageSchema,
  );
  app.openapi(authorizer.protect(events, READ), async (c) => {
    const { id } = c.req.valid('param');
    const { limit, cursor, workflow_run_id: workflowRunId } = c.req.valid('query');
    const scope = tenantScope(c);
    await assertConversation(store, scope, id);
    const page = await store.runEvents(scope, id, { limit, cursor, workflowRunId });
    return c.json(
      { conversation_id: id, items: page.items.map(runEventView), next_cursor: page.nextCursor },
      200,
    );
  });
}
