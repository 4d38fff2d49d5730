import type { AccountCaller } from '@starter/identity';
import type { Context } from 'hono';
import { requestOrigin } from '../../auth/index.js';
import type { AppEnv } from '../../http/app-env.js';

/** The caller of an operator (or `AT`) route as the identity services take it; the actor they record. */
export function accountCaller(c: Context<AppEnv>): AccountCaller {
  const { userId, scopes } = c.get('auth');
  return { userId, scopes, origin: requestOrigin(c) };
}
