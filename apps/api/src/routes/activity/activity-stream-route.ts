import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '@starter/contracts';
import { activityStreamKey } from '@starter/identity';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { ACTIVITY_PATH, ACTIVITY_READ, type ActivityRouteDeps } from './activity-route-deps.js';
import { activitySseBody } from './activity-sse.js';

const StreamHeadersSchema = z.object({
  'last-event-id': z
    .string()
    .regex(/^\d{1,20}-\d{1,20}$/, 'must be a stream entry id')
    .optional()
    .openapi({ description: 'Resume after this event (the `id:` of the last frame received)' }),
});

/** `GET /activity/stream` (spec §1.15, §2.8): the tenant's new events as SSE, one activity JSON per frame. */
export function registerActivityStreamRoute(app: OpenAPIHono<AppEnv>, deps: ActivityRouteDeps): void {
  const route = createRoute({
    method: 'get',
    path: `${ACTIVITY_PATH}/stream`,
    tags: ['Activity'],
    summary: "Follow the tenant's activity (server-sent events)",
    request: { headers: StreamHeadersSchema },
    responses: {
      200: {
        description:
          'Event stream: `id:` + `data: <activity JSON>` frames, `:` keepalive comments every 15 s',
        content: { 'text/event-stream': { schema: z.string() } },
      },
      503: errorResponse('The activity stream is disabled (ENABLE_ACTIVITY_STREAM)'),
    },
  });
  app.openapi(deps.authorizer.protect(route, ACTIVITY_READ), (c) => {
    if (!deps.streamEnabled) throw new AppError('ServiceUnavailable', 'The activity stream is disabled.');
    const body = activitySseBody({
      kv: deps.kv,
      // The tenant is the verified one; a client can never name another tenant's stream.
      streamKey: activityStreamKey(c.get('tenant').tenantId),
      after: c.req.valid('header')['last-event-id'],
      keepaliveMs: deps.keepaliveMs,
      signal: c.req.raw.signal,
      logger: c.get('logger'),
    });
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
        // Spec §0: SSE responses allow any origin.
        'access-control-allow-origin': '*',
      },
    });
  });
}
