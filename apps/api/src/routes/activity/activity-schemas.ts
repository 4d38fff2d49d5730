import { z } from '@hono/zod-openapi';
import { ACTIVITY_READ_STATES, ACTIVITY_STATUSES } from '@starter/identity';

const instant = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value))
  .openapi({ type: 'string', format: 'date-time' });
const text = (max: number) => z.string().min(1).max(max).optional();

/** `GET /activity` query (spec §1.15); the time bounds are exclusive. */
export const ActivityQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(512).optional(),
  action: text(64),
  actor_id: text(200),
  object_type: text(100),
  object_id: text(200),
  status: z.enum(ACTIVITY_STATUSES).optional(),
  request_id: text(200),
  created_after: instant.optional(),
  created_before: instant.optional(),
});

/** One event as the feed shows it, with the caller's read state. */
export const ActivityEventSchema = z
  .strictObject({
    id: z.string(),
    tenant_id: z.string().nullable(),
    action: z.string(),
    actor_id: z.string().nullable(),
    actor_type: z.string(),
    actor_role: z.string().nullable(),
    object_type: z.string().nullable(),
    object_id: z.string().nullable(),
    object_name: z.string().nullable(),
    status: z.string(),
    source: z.string().nullable(),
    request_id: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    created_at: z.string().openapi({ format: 'date-time' }),
    read_state: z.enum(ACTIVITY_READ_STATES),
  })
  .openapi('ActivityEvent');

/** `GET /activity`. */
export const ActivityPageSchema = z
  .strictObject({
    items: z.array(ActivityEventSchema),
    next_cursor: z.string().nullable(),
    unread_count: z.number().int(),
  })
  .openapi('ActivityPage');

/** Answer of the receipt routes. */
export const UnreadCountSchema = z
  .strictObject({ unread_count: z.number().int() })
  .openapi('ActivityUnreadCount');

/** `{event_id}`: the event's numeric id. */
export const EventIdParamSchema = z.object({
  event_id: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, 'must be a positive integer')
    .openapi({ param: { name: 'event_id', in: 'path' }, example: '42' }),
});
