/** Client-facing messages fixed by the spec, shared by the guards and the app's route tests. */
export const AUTHZ_MESSAGES = {
  insufficientScopes: 'Insufficient scopes for this operation.',
  insufficientRole: 'Insufficient tenant privileges for this operation.',
  emailVerificationRequired: 'Email verification required.',
  tenantMismatch: 'Tenant mismatch between token and X-Tenant-Id header.',
  tenantRequired: 'Tenant context required: send the X-Tenant-Id header.',
  invalidTenantId: 'Invalid X-Tenant-Id: expected a UUID.',
  tenantNotFound: 'Tenant not found.',
  invalidTenantRole: 'Invalid X-Tenant-Role header.',
  roleEscalation: 'X-Tenant-Role cannot exceed the role granted to the caller.',
  operatorOverrideForbidden: 'Operator override requires operator scope.',
  operatorReasonRequired: 'X-Operator-Reason header is required for operator override.',
  operatorOverrideReadOnly: 'Operator override is read-only for suspended tenants.',
} as const;
