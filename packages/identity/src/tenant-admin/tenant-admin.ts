import type { ActivityRecorder } from '../activity/activity-recorder.js';
import { createTenantAccount, type TenantAccount } from './tenant-account.js';
import { createTenantInvites, type TenantInvites, type TenantInvitesDeps } from './tenant-invites.js';
import { createTenantMembers, type TenantMembers } from './tenant-members.js';
import { createTenantSettingsService, type TenantSettingsService } from './tenant-settings-service.js';

/** What tenant administration needs. */
export type TenantAdminDeps = TenantInvitesDeps & {
  /** The tenant activity log; account and settings changes are not logged there without one. */
  activity?: ActivityRecorder;
};

/** Tenant self-administration (spec §1.8): account, members, invites and settings of the caller's tenant. */
export type TenantAdmin = TenantAccount & TenantMembers & TenantInvites & TenantSettingsService;

/** Creates tenant administration; each method maps onto one `/tenants` route. */
export function createTenantAdmin(deps: TenantAdminDeps): TenantAdmin {
  return {
    ...createTenantAccount(deps),
    ...createTenantMembers(deps),
    ...createTenantInvites(deps),
    ...createTenantSettingsService(deps),
  };
}
