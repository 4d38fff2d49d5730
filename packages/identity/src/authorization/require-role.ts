import { AppError } from '@starter/contracts';
import { AUTHZ_MESSAGES } from './authorization-messages.js';
import { roleAtLeast, type TenantRole } from './tenant-roles.js';

/** Throws 403 "Insufficient tenant privileges for this operation." when `role` is below `minRole`. */
export function requireRole(role: TenantRole, minRole: TenantRole): void {
  if (!roleAtLeast(role, minRole)) throw new AppError('Forbidden', AUTHZ_MESSAGES.insufficientRole);
}
