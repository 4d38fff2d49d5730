import { z } from '@hono/zod-openapi';
import { successEnvelope } from '@starter/contracts';

const text = z.string().nullable();

/** The caller's profile (`GET /users/me`). */
export const ProfileSchema = z
  .object({
    user_id: z.string(),
    tenant_id: z.string().nullable(),
    email: z.string(),
    display_name: text,
    given_name: text,
    family_name: text,
    avatar_url: text,
    timezone: text,
    locale: text,
    role: text,
    email_verified: z.boolean(),
  })
  .openapi('UserProfile');

/** `GET /users/me` and `PATCH /users/me/profile` answer. */
export const ProfileResponseSchema = successEnvelope(ProfileSchema).openapi('UserProfileResponse');

/** `PATCH /users/me/email` answer. */
export const EmailChangedResponseSchema = successEnvelope(
  z.object({ user_id: z.string(), email: z.string(), verification_sent: z.boolean() }),
).openapi('EmailChangedResponse');

/** `POST /users/me/disable` answer. */
export const AccountDisabledResponseSchema = successEnvelope(
  z.object({ revoked_sessions: z.number().int() }),
).openapi('AccountDisabledResponse');

/** One accepted policy version. */
export const ConsentSchema = z
  .object({
    policy_key: z.string(),
    version: z.string(),
    accepted_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Consent');

/** One notification preference; `tenant_id: null` applies across tenants. */
export const NotificationPreferenceSchema = z
  .object({
    id: z.string(),
    tenant_id: z.string().nullable(),
    channel: z.string(),
    category: z.string(),
    enabled: z.boolean(),
  })
  .openapi('NotificationPreference');

export const ConsentListResponseSchema = successEnvelope(z.array(ConsentSchema)).openapi(
  'ConsentListResponse',
);
export const ConsentResponseSchema = successEnvelope(ConsentSchema).openapi('ConsentResponse');
export const NotificationPreferenceListResponseSchema = successEnvelope(
  z.array(NotificationPreferenceSchema),
).openapi('NotificationPreferenceListResponse');
export const NotificationPreferenceResponseSchema = successEnvelope(NotificationPreferenceSchema).openapi(
  'NotificationPreferenceResponse',
);
