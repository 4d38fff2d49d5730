import { AppError } from '@starter/contracts';
import { AUTHZ_MESSAGES } from './authorization-messages.js';

/**
 * Throws 403 "Email verification required." when verification is required and the token says
 * `email_verified: false`. Tokens without the claim pass, as the spec's `V` rule says.
 */
export function requireEmailVerified(claims: { email_verified?: unknown }, required: boolean): void {
  if (required && claims.email_verified === false) {
    throw new AppError('Forbidden', AUTHZ_MESSAGES.emailVerificationRequired);
  }
}
