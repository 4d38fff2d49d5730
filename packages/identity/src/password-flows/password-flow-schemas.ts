import { UserIdSchema } from '@starter/contracts';
import { z } from 'zod';

// Generous upper bounds: the password policy reports the real limits with user-facing messages.
const password = z.string().min(1).max(1024);
const oneTimeToken = z.string().min(1).max(256);

/** Body of `POST /auth/email/verify`. */
export const VerifyEmailBodySchema = z.object({ token: oneTimeToken });
export type VerifyEmailBody = z.infer<typeof VerifyEmailBodySchema>;

/** Body of `POST /auth/password/forgot`. */
export const ForgotPasswordBodySchema = z.object({ email: z.email().max(320) });
export type ForgotPasswordBody = z.infer<typeof ForgotPasswordBodySchema>;

/** Body of `POST /auth/password/confirm`. */
export const ConfirmPasswordResetBodySchema = z.object({ token: oneTimeToken, new_password: password });
export type ConfirmPasswordResetBody = z.infer<typeof ConfirmPasswordResetBodySchema>;

/** Body of `POST /auth/password/change`. */
export const ChangePasswordBodySchema = z.object({ current_password: password, new_password: password });
export type ChangePasswordBody = z.infer<typeof ChangePasswordBodySchema>;

/** Body of `POST /auth/password/reset` (admin reset inside the caller's tenant). */
export const AdminPasswordResetBodySchema = z.object({ user_id: UserIdSchema, new_password: password });
export type AdminPasswordResetBody = z.infer<typeof AdminPasswordResetBodySchema>;
