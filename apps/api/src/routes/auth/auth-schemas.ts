import { z } from '@hono/zod-openapi';
import { offsetPage, successEnvelope } from '@starter/contracts';

/** `POST /auth/token` body. */
export const LoginRequestSchema = z
  .object({
    email: z.email().max(320),
    password: z.string().min(1).max(1024),
    tenant_id: z.uuid().optional(),
  })
  .openapi('LoginRequest');

/** The session token pair (spec §1.2). */
export const SessionTokensSchema = z
  .object({
    access_token: z.string(),
    refresh_token: z.string(),
    token_type: z.literal('bearer'),
    expires_at: z.string().openapi({ format: 'date-time' }),
    refresh_expires_at: z.string().openapi({ format: 'date-time' }),
    kid: z.string(),
    refresh_kid: z.string(),
    scopes: z.array(z.string()),
    tenant_id: z.string(),
    user_id: z.string(),
    email_verified: z.boolean(),
    session_id: z.string(),
  })
  .openapi('SessionTokens');

/** The 202 answer of a login that needs a second factor. */
export const MfaChallengeSchema = z
  .object({
    mfa_required: z.literal(true),
    challenge_token: z.string(),
    methods: z.array(
      z.object({ id: z.string(), method_type: z.enum(['totp', 'webauthn']), label: z.string().nullable() }),
    ),
  })
  .openapi('MfaChallenge');

/** A body carrying one refresh token (`/auth/refresh`, `/auth/logout`). */
export const RefreshTokenRequestSchema = z
  .object({ refresh_token: z.string().min(1).max(8192) })
  .openapi('RefreshTokenRequest');

/** `/auth/logout` answer. */
export const LogoutResponseSchema = successEnvelope(z.object({ revoked: z.boolean() })).openapi(
  'LogoutResponse',
);

/** `/auth/logout/all` answer: how many refresh tokens were revoked. */
export const LogoutAllResponseSchema = successEnvelope(z.object({ revoked: z.number().int() })).openapi(
  'LogoutAllResponse',
);

/** One session of `GET /auth/sessions`. */
export const SessionViewSchema = z
  .object({
    id: z.string(),
    tenant_id: z.string().nullable(),
    current: z.boolean(),
    ip_masked: z.string().nullable(),
    user_agent: z.string().nullable(),
    client: z.object({
      platform: z.string().nullable(),
      browser: z.string().nullable(),
      device: z.string().nullable(),
    }),
    location: z.object({
      city: z.string().nullable(),
      region: z.string().nullable(),
      country: z.string().nullable(),
    }),
    created_at: z.string().openapi({ format: 'date-time' }),
    last_seen_at: z.string().openapi({ format: 'date-time' }),
    revoked_at: z.string().nullable().openapi({ format: 'date-time' }),
    revoked_reason: z.string().nullable(),
  })
  .openapi('UserSession');

/** `GET /auth/sessions` answer. */
export const SessionPageSchema = offsetPage(SessionViewSchema).openapi('UserSessionPage');

const BOOLEAN_WORDS = { true: true, '1': true, false: false, '0': false } as const;

/** `GET /auth/sessions` query. */
export const SessionListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  include_revoked: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((word) => BOOLEAN_WORDS[word]),
  tenant_id: z.uuid().optional(),
});

/** `DELETE /auth/sessions/{session_id}` path. */
export const SessionIdParamSchema = z.object({
  session_id: z.uuid().openapi({ param: { name: 'session_id', in: 'path' } }),
});

/** `DELETE /auth/sessions/{session_id}` answer. */
export const SessionRevokedResponseSchema = successEnvelope(
  z.object({ session_id: z.string(), revoked: z.literal(true) }),
).openapi('SessionRevokedResponse');

/** `GET /auth/me` answer: the caller and the decoded token payload. */
export const MeResponseSchema = successEnvelope(
  z.object({ user_id: z.string(), token_payload: z.record(z.string(), z.unknown()) }),
).openapi('MeResponse');
