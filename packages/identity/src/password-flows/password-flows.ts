import { createEmailVerificationFlow, type EmailVerificationFlow } from './email-verification-flow.js';
import { createPasswordChangeFlow, type PasswordChangeFlow } from './password-change-flow.js';
import type { PasswordFlowsDeps } from './password-flows-deps.js';
import { createPasswordResetFlow, type PasswordResetFlow } from './password-reset-flow.js';

/** The email and password flows of spec §1.3, one method per route. */
export type PasswordFlows = EmailVerificationFlow & PasswordResetFlow & PasswordChangeFlow;

/** Creates the email and password flows over the identity database, the KV store and the email sender. */
export function createPasswordFlows(deps: PasswordFlowsDeps): PasswordFlows {
  if (deps.settings.emailVerificationTtlMinutes <= 0 || deps.settings.passwordResetTtlMinutes <= 0) {
    throw new RangeError('Email verification and password reset lifetimes must be positive.');
  }
  return {
    ...createEmailVerificationFlow(deps),
    ...createPasswordResetFlow(deps),
    ...createPasswordChangeFlow(deps),
  };
}
