import { createMfaCompletion, type MfaCompletion } from './mfa-completion.js';
import type { MfaFlowsDeps } from './mfa-flows-deps.js';
import { createMfaMethodFlows, type MfaMethodFlows } from './mfa-method-flows.js';

/** The MFA flows of spec §1.4, one method per route. */
export type MfaFlows = MfaMethodFlows & MfaCompletion;

/** Creates the MFA flows: method management for signed-in users and the login completion step. */
export function createMfaFlows(deps: MfaFlowsDeps): MfaFlows {
  if (deps.secretKeyForRecoveryCodes.length === 0) {
    throw new Error('The recovery code key must not be empty.');
  }
  return { ...createMfaMethodFlows(deps), ...createMfaCompletion(deps) };
}
