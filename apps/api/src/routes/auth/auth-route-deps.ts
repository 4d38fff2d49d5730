import type { SessionService } from '@starter/identity';
import type { Authorizer } from '../../auth/index.js';

/** What the session routes run on. */
export interface AuthRouteDeps {
  sessions: SessionService;
  authorizer: Authorizer;
}

/** Mount point of the auth routes (spec §1.2). */
export const AUTH_PREFIX = '/api/v1/auth';
