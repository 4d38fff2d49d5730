import { z } from '@hono/zod-openapi';
import { offsetPage } from '@starter/contracts';

const timestamp = z.string().openapi({ format: 'date-time' });
const nullableTimestamp = z.string().nullable().openapi({ format: 'date-time' });

/** A tenant account (`/tenants/account`, and the operator's `/platform/tenants`). */
export const TenantAccountSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    status: z.string(),
    created_at: timestamp,
    updated_at: timestamp,
    activated_at: nullableTimestamp,
    suspended_at: nullableTimestamp,
    deprovisioned_at: nullableTimestamp,
    status_changed_at: nullableTimestamp,
    status_reason: z.string().nullable(),
    status_actor: z.string().nullable(),
    created_by: z.string().nullable(),
  })
  .openapi('TenantAccount');

/** A membership without user details. */
export const MembershipSchema = z
  .object({
    tenant_id: z.string(),
    user_id: z.string(),
    role: z.string(),
    invited_by: z.string().nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi('TenantMembership');

/** `GET /tenants/members`. */
export const MemberPageSchema = offsetPage(
  MembershipSchema.extend({
    email: z.string(),
    display_name: z.string().nullable(),
    status: z.string(),
  }),
).openapi('TenantMemberPage');

/** A team invite (never its token). */
export const MemberInviteSchema = z
  .object({
    id: z.string(),
    tenant_id: z.string(),
    invited_email: z.string(),
    role: z.string(),
    status: z.string(),
    token_hint: z.string(),
    expires_at: timestamp,
    invited_by: z.string().nullable(),
    accepted_by: z.string().nullable(),
    accepted_at: nullableTimestamp,
    revoked_at: nullableTimestamp,
    revoked_reason: z.string().nullable(),
    created_at: timestamp,
  })
  .openapi('TenantMemberInvite');

/** `GET /tenants/invites`. */
export const MemberInvitePageSchema = offsetPage(MemberInviteSchema).openapi('TenantMemberInvitePage');

/** `POST /tenants/invites`: the invite plus its one-time token. */
export const IssuedMemberInviteSchema = MemberInviteSchema.extend({ invite_token: z.string() }).openapi(
  'IssuedTenantMemberInvite',
);

/** `GET /tenants/invites/policy`. */
export const InvitePolicySchema = z
  .object({ default_expires_hours: z.number().int(), max_expires_hours: z.number().int() })
  .openapi('TenantInvitePolicy');

/** `GET|PUT /tenants/settings`; `version` is also the `ETag`. */
export const TenantSettingsSchema = z
  .object({
    tenant_id: z.string(),
    billing_contacts: z.array(z.record(z.string(), z.unknown())),
    billing_webhook_url: z.string().nullable(),
    plan_metadata: z.record(z.string(), z.unknown()),
    flags: z.record(z.string(), z.unknown()),
    version: z.number().int(),
    updated_at: timestamp,
  })
  .openapi('TenantSettings');

/** Path of the member routes. */
export const MemberParamSchema = z.object({ user_id: z.string().min(1).max(64) });

/** Path of the invite revoke route. */
export const InviteParamSchema = z.object({ invite_id: z.string().min(1).max(64) });
