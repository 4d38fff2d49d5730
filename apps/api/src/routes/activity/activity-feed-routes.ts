import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { listActivityFeed } from '@starter/identity';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import {
  ACTIVITY_PATH,
  ACTIVITY_READ,
  type ActivityRouteDeps,
  activityReader,
  json,
} from './activity-route-deps.js';
import {
  ActivityPageSchema,
  ActivityQuerySchema,
  EventIdParamSchema,
  UnreadCountSchema,
} from './activity-schemas.js';

const tags = ['Activity'];
const unreadResponse = (description: string) => ({ description, content: json(UnreadCountSchema) });

/** `GET /activity` and the receipt routes (spec §1.15). */
export function registerActivityFeedRoutes(app: OpenAPIHono<AppEnv>, deps: ActivityRouteDeps): void {
  const { authorizer, receipts } = deps;

  const list = createRoute({
    method: 'get',
    path: ACTIVITY_PATH,
    tags,
    summary: "The tenant's activity with the caller's read state",
    request: { query: ActivityQuerySchema },
    responses: {
      200: { description: 'A page of events, newest first', content: json(ActivityPageSchema) },
      400: errorResponse('The cursor is not one of this list'),
    },
  });
  app.openapi(authorizer.protect(list, ACTIVITY_READ), async (c) => {
    const query = c.req.valid('query');
    const page = await listActivityFeed(deps.db, activityReader(c), {
      limit: query.limit,
      cursor: query.cursor,
      action: query.action,
      actorId: query.actor_id,
      objectType: query.object_type,
      objectId: query.object_id,
      status: query.status,
      requestId: query.request_id,
      createdAfter: query.created_after,
      createdBefore: query.created_before,
    });
    return c.json(page, 200);
  });

  const markAll = createRoute({
    method: 'post',
    path: `${ACTIVITY_PATH}/mark-all-read`,
    tags,
    summary: 'Mark every event read',
    responses: { 200: unreadResponse('Nothing is unread') },
  });
  app.openapi(authorizer.protect(markAll, ACTIVITY_READ), async (c) =>
    c.json({ unread_count: await receipts.markAllRead(activityReader(c)) }, 200),
  );

  for (const [action, summary] of [
    ['read', 'Mark one event read'],
    ['dismiss', 'Dismiss one event'],
  ] as const) {
    const route = createRoute({
      method: 'post',
      path: `${ACTIVITY_PATH}/{event_id}/${action}`,
      tags,
      summary,
      request: { params: EventIdParamSchema },
      responses: {
        200: unreadResponse('The remaining unread count'),
        404: errorResponse("No such event in the caller's tenant"),
      },
    });
    app.openapi(authorizer.protect(route, ACTIVITY_READ), async (c) => {
      const eventId = Number(c.req.valid('param').event_id);
      const reader = activityReader(c);
      const unread =
        action === 'read'
          ? await receipts.markRead(reader, eventId)
          : await receipts.dismiss(reader, eventId);
      return c.json({ unread_count: unread }, 200);
    });
  }
}
