import { createTenantAdmin, type TenantAdmin } from '@starter/identity';
import type { AppDependencies } from '../../dependencies/index.js';

/** Composes tenant administration from the identity kernel and the settings. */
export function tenantAdminService(deps: AppDependencies): TenantAdmin {
  const { identity } = deps;
  return createTenantAdmin({
    db: identity.db,
    clock: deps.clock,
    inviteTokenPepper: deps.settings.auth.oneTimeTokenPepper,
    passwordHasher: identity.passwords,
    passwordPolicy: identity.passwordPolicy,
    issueSession: identity.sessions.issue,
    activity: identity.activity,
  });
}
