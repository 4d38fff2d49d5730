import { z } from '@hono/zod-openapi';
import { offsetPage } from '@starter/contracts';
import { SessionTokensSchema } from '../auth/auth-schemas.js';

const timestamp = z.string().openapi({ format: 'date-time' });
const nullableTimestamp = z.string().nullable().openapi({ format: 'date-time' });

/** `GET /auth/signup-policy` and the 202 body of `POST /auth/request-access`. */
export const SignupPolicySchema = z
  .object({
    policy: z.enum(['public', 'invite_only', 'approval']),
    invite_required: z.boolean(),
    request_access_enabled: z.boolean(),
  })
  .openapi('SignupPolicy');

/** `POST /auth/register` 201: the session tokens and the new tenant's slug. */
export const RegisterResponseSchema = SessionTokensSchema.extend({ tenant_slug: z.string() }).openapi(
  'RegisterResponse',
);

/** An operator signup invite (its token only on issue). */
export const SignupInviteSchema = z
  .object({
    id: z.string(),
    invited_email: z.string().nullable(),
    token_hint: z.string(),
    status: z.string(),
    max_redemptions: z.number().int(),
    redeemed_count: z.number().int(),
    expires_at: timestamp,
    signup_request_id: z.string().nullable(),
    note: z.string().nullable(),
    issued_by: z.string().nullable(),
    revoked_at: nullableTimestamp,
    revoked_reason: z.string().nullable(),
    created_at: timestamp,
  })
  .openapi('SignupInvite');

/** `POST /auth/invites` 201 and the approve answer's invite: with the one-time token. */
export const IssuedSignupInviteSchema = SignupInviteSchema.extend({ invite_token: z.string() }).openapi(
  'IssuedSignupInvite',
);

/** `GET /auth/invites`. */
export const SignupInvitePageSchema = offsetPage(SignupInviteSchema).openapi('SignupInvitePage');

/** An access request as operators see it. */
export const SignupRequestSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    organization: z.string(),
    full_name: z.string(),
    message: z.string().nullable(),
    status: z.string(),
    decision_reason: z.string().nullable(),
    decided_by: z.string().nullable(),
    decided_at: nullableTimestamp,
    invite_id: z.string().nullable(),
    created_at: timestamp,
  })
  .openapi('SignupRequest');

/** `GET /auth/signup-requests`. */
export const SignupRequestPageSchema = offsetPage(SignupRequestSchema).openapi('SignupRequestPage');

/** `POST /auth/signup-requests/{id}/approve`. */
export const ApprovedSignupRequestSchema = z
  .object({ request: SignupRequestSchema, invite: IssuedSignupInviteSchema })
  .openapi('ApprovedSignupRequest');

/** Path of the `{id}` routes. */
export const IdParamSchema = z.object({ id: z.string().min(1).max(64) });
