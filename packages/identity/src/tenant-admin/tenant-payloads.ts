import type { TenantMember } from '../repositories/memberships-repository.js';
import type { MembershipRow, TenantAccountRow, TenantSettingsRow } from '../schema/identity-database.js';
import type { TenantMemberInviteRow } from './member-invites-repository.js';

/** The tenant account as routes return it. */
export function tenantAccountPayload(row: TenantAccountRow) {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    status: row.status,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    activated_at: row.activated_at?.toISOString() ?? null,
    suspended_at: row.suspended_at?.toISOString() ?? null,
    deprovisioned_at: row.deprovisioned_at?.toISOString() ?? null,
    status_changed_at: row.status_changed_at?.toISOString() ?? null,
    status_reason: row.status_reason,
    status_actor: row.status_actor,
    created_by: row.created_by,
  };
}
/** A tenant account payload. */
export type TenantAccountPayload = ReturnType<typeof tenantAccountPayload>;

/** A membership without user details (add / role change / accept results). */
export function membershipPayload(row: MembershipRow) {
  return {
    tenant_id: row.tenant_id,
    user_id: row.user_id,
    role: row.role,
    invited_by: row.invited_by,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
/** A membership payload. */
export type MembershipPayload = ReturnType<typeof membershipPayload>;

/** One row of the members list. */
export function memberPayload(row: TenantMember) {
  return {
    ...membershipPayload(row),
    email: row.email,
    display_name: row.display_name,
    status: row.user_status,
  };
}
/** A members-list row payload. */
export type MemberPayload = ReturnType<typeof memberPayload>;

/** A team invite; the token itself is never part of it (only `invite_token` on creation). */
export function memberInvitePayload(row: TenantMemberInviteRow) {
  return {
    id: row.id,
    tenant_id: row.tenant_id,
    invited_email: row.invited_email,
    role: row.role,
    status: row.status,
    token_hint: row.token_hint,
    expires_at: row.expires_at.toISOString(),
    invited_by: row.invited_by,
    accepted_by: row.accepted_by,
    accepted_at: row.accepted_at?.toISOString() ?? null,
    revoked_at: row.revoked_at?.toISOString() ?? null,
    revoked_reason: row.revoked_reason,
    created_at: row.created_at.toISOString(),
  };
}
/** A team invite payload. */
export type MemberInvitePayload = ReturnType<typeof memberInvitePayload>;

/** Tenant settings as GET/PUT /tenants/settings return them; `version` is the ETag. */
export function tenantSettingsPayload(row: TenantSettingsRow) {
  return {
    tenant_id: row.tenant_id,
    billing_contacts: row.billing_contacts,
    billing_webhook_url: row.billing_webhook_url,
    plan_metadata: row.plan_metadata,
    flags: row.flags,
    version: row.version,
    updated_at: row.updated_at.toISOString(),
  };
}
/** A tenant settings payload. */
export type TenantSettingsPayload = ReturnType<typeof tenantSettingsPayload>;

/** An offset page as the admin lists return it (spec §0 style b). */
export function offsetPagePayload<T>(items: T[], total: number, window: { limit: number; offset: number }) {
  const nextOffset = window.offset + items.length;
  return {
    items,
    total,
    limit: window.limit,
    offset: window.offset,
    next_offset: nextOffset < total ? nextOffset : null,
  };
}
