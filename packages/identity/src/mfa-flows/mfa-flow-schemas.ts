import { z } from 'zod';

/** Query of `POST /auth/mfa/totp/enroll`. */
export const EnrollTotpQuerySchema = z.object({ label: z.string().trim().min(1).max(64).optional() });
export type EnrollTotpQuery = z.infer<typeof EnrollTotpQuerySchema>;

/** Body of `POST /auth/mfa/totp/verify`. */
export const VerifyTotpBodySchema = z.object({ method_id: z.uuid(), code: z.string().min(1).max(16) });
export type VerifyTotpBody = z.infer<typeof VerifyTotpBodySchema>;

/** Body of `POST /auth/mfa/complete`: `method_id` is a TOTP method id or `recovery` (spec §14). */
export const CompleteMfaBodySchema = z.object({
  challenge_token: z.string().min(1).max(4096),
  method_id: z.union([z.uuid(), z.literal('recovery')]),
  code: z.string().min(1).max(64),
});
export type CompleteMfaBody = z.infer<typeof CompleteMfaBodySchema>;
