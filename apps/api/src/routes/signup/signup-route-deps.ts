import type { SignupAdministration, SignupService } from '@starter/identity';
import type { Authorizer } from '../../auth/index.js';
import type { SignupMetrics } from './signup-outcome.js';

/** What the signup routes run on. */
export interface SignupRouteDeps {
  signup: SignupService;
  administration: SignupAdministration;
  authorizer: Authorizer;
  /** Where register and request-access outcomes are counted. */
  metrics: SignupMetrics;
}
