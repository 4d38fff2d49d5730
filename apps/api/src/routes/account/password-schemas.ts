import { z } from '@hono/zod-openapi';
import { successEnvelope } from '@starter/contracts';

/** An answer whose only content is the message (`data: null`). */
export const MessageResponseSchema = successEnvelope(z.null()).openapi('MessageResponse');

/** `POST /auth/email/verify` answer. */
export const EmailVerifiedResponseSchema = successEnvelope(
  z.object({ user_id: z.string(), revoked_sessions: z.number().int() }),
).openapi('EmailVerifiedResponse');

/** `POST /auth/password/confirm`, `/change` and `/reset` answer. */
export const PasswordChangedResponseSchema = successEnvelope(
  z.object({ user_id: z.string(), revoked_sessions: z.number().int() }),
).openapi('PasswordChangedResponse');
