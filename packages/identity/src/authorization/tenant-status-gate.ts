import { AppError } from '@starter/contracts';
import { AUTHZ_MESSAGES } from './authorization-messages.js';
import { isOperator } from './is-operator.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TRUTHY = new Set(['1', 'true', 'yes', 'on']);
const MAX_REASON_LENGTH = 500;

const BLOCKED_STATUS_MESSAGES: Readonly<Record<string, string>> = {
  provisioning: 'Tenant is still being provisioned.',
  deprovisioning: 'Tenant is being deprovisioned.',
  deprovisioned: 'Tenant has been deprovisioned.',
  suspended: 'Tenant is suspended.',
};

/** What the caller sent to ask for an operator override. */
export interface OperatorOverrideRequest {
  override?: string | undefined;
  reason?: string | undefined;
  method: string;
  scopes: readonly string[];
}

/** The outcome of the status gate: whether an operator override was used, and its reason. */
export type TenantStatusDecision = { overrideUsed: false } | { overrideUsed: true; reason: string };

/** True for the spec's truthy header values: 1, true, yes, on (any case). */
export function isTruthyHeader(value: string | undefined): boolean {
  return value !== undefined && TRUTHY.has(value.trim().toLowerCase());
}

/**
 * Spec §7.9 rule 4: active tenants pass; suspended tenants only for a read (GET/HEAD/OPTIONS) by an
 * operator-scoped caller sending `X-Operator-Override` with a reason; every other status is refused.
 */
export function checkTenantStatus(status: string, request: OperatorOverrideRequest): TenantStatusDecision {
  if (status === 'active') return { overrideUsed: false };
  // Unknown statuses get a fixed message rather than echoing a database value.
  const message = BLOCKED_STATUS_MESSAGES[status] ?? 'Tenant is not active.';
  if (status !== 'suspended' || !isTruthyHeader(request.override)) {
    throw new AppError('Forbidden', message, {
      details: { tenant_status: status in BLOCKED_STATUS_MESSAGES ? status : 'unknown' },
    });
  }
  if (!isOperator(request.scopes)) throw new AppError('Forbidden', AUTHZ_MESSAGES.operatorOverrideForbidden);
  const reason = request.reason?.trim() ?? '';
  if (reason === '') throw new AppError('BadRequest', AUTHZ_MESSAGES.operatorReasonRequired);
  if (reason.length > MAX_REASON_LENGTH) {
    throw new AppError('BadRequest', `X-Operator-Reason must be at most ${MAX_REASON_LENGTH} characters.`);
  }
  if (!READ_METHODS.has(request.method.toUpperCase())) {
    throw new AppError('Forbidden', AUTHZ_MESSAGES.operatorOverrideReadOnly);
  }
  return { overrideUsed: true, reason };
}
