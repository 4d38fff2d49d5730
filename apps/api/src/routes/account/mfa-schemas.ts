import { z } from '@hono/zod-openapi';
import { successEnvelope } from '@starter/contracts';
import { SessionTokensSchema } from '../auth/auth-schemas.js';

const timestamp = z.string().nullable().openapi({ format: 'date-time' });

/** One MFA method of the caller. */
export const MfaMethodSchema = z
  .object({
    id: z.string(),
    method_type: z.string(),
    label: z.string().nullable(),
    verified_at: timestamp,
    last_used_at: timestamp,
    revoked_at: timestamp,
  })
  .openapi('MfaMethod');

/** `GET /auth/mfa` answer. */
export const MfaMethodListResponseSchema = successEnvelope(z.array(MfaMethodSchema)).openapi(
  'MfaMethodListResponse',
);

/** `POST /auth/mfa/totp/verify` and `DELETE /auth/mfa/{method_id}` answer. */
export const MfaMethodResponseSchema = successEnvelope(MfaMethodSchema).openapi('MfaMethodResponse');

/** `POST /auth/mfa/totp/enroll` answer; the secret is shown this once. */
export const TotpEnrollmentResponseSchema = successEnvelope(
  z.object({ method_id: z.string(), secret: z.string(), otpauth_url: z.string() }),
).openapi('TotpEnrollmentResponse');

/** `POST /auth/mfa/recovery/regenerate` answer. */
export const RecoveryCodesResponseSchema = successEnvelope(z.object({ codes: z.array(z.string()) })).openapi(
  'RecoveryCodesResponse',
);

/** `POST /auth/mfa/complete` answer. */
export const MfaCompleteResponseSchema = successEnvelope(SessionTokensSchema).openapi('MfaCompleteResponse');

/** `DELETE /auth/mfa/{method_id}` path. */
export const MfaMethodIdParamSchema = z.object({
  method_id: z.uuid().openapi({ param: { name: 'method_id', in: 'path' } }),
});
