import type { SignupAdministration, SignupService } from '@starter/identity';
import type { Authorizer } from '../../auth/index.js';

/** What the signup routes run on. */
export interface SignupRouteDeps {
  signup: SignupService;
  administration: SignupAdministration;
  authorizer: Authorizer;
}
