import { createRegister, type Register } from './register.js';
import { createRequestAccess, type RequestAccess } from './request-access.js';
import type { SignupDeps } from './signup-deps.js';
import { type SignupPolicySnapshot, signupPolicySnapshot } from './signup-settings.js';

/** The public signup routes: policy, register, request access. */
export interface SignupService {
  policy(): SignupPolicySnapshot;
  register: Register;
  requestAccess: RequestAccess;
}

/** Creates the public signup flows (spec §1.6). */
export function createSignupService(deps: SignupDeps): SignupService {
  const snapshot = signupPolicySnapshot(deps.settings.policy);
  return {
    policy: () => snapshot,
    register: createRegister(deps),
    requestAccess: createRequestAccess(deps),
  };
}
