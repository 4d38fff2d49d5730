import type { JsonValue } from '@starter/contracts';
import { z } from 'zod';
import { MEMBER_INVITE_STATUSES } from '../schema/identity-enums.js';
import { INVITE_POLICY } from './invite-expiry.js';

const role = z.enum(['viewer', 'member', 'admin', 'owner']);
const email = z.email().max(320);

/** `limit` 1–200 (default 50) and `offset` of the admin lists (spec §1.8). */
export const AdminPageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type AdminPageQuery = z.infer<typeof AdminPageQuerySchema>;

/** PATCH /tenants/account. */
export const RenameTenantBodySchema = z.object({ name: z.string().trim().min(2).max(128) });
export type RenameTenantBody = z.infer<typeof RenameTenantBodySchema>;

/** POST /tenants/members. */
export const AddMemberBodySchema = z.object({ email, role });
export type AddMemberBody = z.infer<typeof AddMemberBodySchema>;

/** PATCH /tenants/members/{user_id}/role. */
export const ChangeMemberRoleBodySchema = z.object({ role });
export type ChangeMemberRoleBody = z.infer<typeof ChangeMemberRoleBodySchema>;

/** GET /tenants/invites query. */
export const ListMemberInvitesQuerySchema = AdminPageQuerySchema.extend({
  status: z.enum(MEMBER_INVITE_STATUSES).optional(),
  email: z.string().trim().min(1).max(320).optional(),
});
export type ListMemberInvitesQuery = z.infer<typeof ListMemberInvitesQuerySchema>;

/** POST /tenants/invites. */
export const CreateMemberInviteBodySchema = z.object({
  invited_email: email,
  role,
  expires_in_hours: z.number().int().min(1).max(INVITE_POLICY.max_expires_hours).optional(),
});
export type CreateMemberInviteBody = z.infer<typeof CreateMemberInviteBodySchema>;

/** POST /tenants/invites/accept (a new user). */
export const AcceptInviteBodySchema = z.object({
  token: z.string().min(1).max(512),
  password: z.string().min(1).max(1024),
  display_name: z.string().trim().min(1).max(128).optional(),
});
export type AcceptInviteBody = z.infer<typeof AcceptInviteBodySchema>;

/** POST /tenants/invites/accept/current (the signed-in user). */
export const AcceptInviteCurrentBodySchema = z.object({ token: z.string().min(1).max(512) });
export type AcceptInviteCurrentBody = z.infer<typeof AcceptInviteCurrentBodySchema>;

// Deep enough for any real settings document; bounds the check's recursion on hostile bodies.
const MAX_JSON_DEPTH = 32;

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** True for a JSON value (finite numbers, plain objects) nested at most `MAX_JSON_DEPTH` deep. */
function isJsonValue(value: unknown, depth = 0): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || depth >= MAX_JSON_DEPTH) return false;
  const children = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : null;
  return children?.every((child) => isJsonValue(child, depth + 1)) ?? false;
}

/**
 * Any JSON value. Checked by a predicate, not a recursive `z.lazy` schema: OpenAPI generators walk a
 * lazy schema forever (stack overflow), while this documents as "any value" and validates the same.
 */
const jsonValue = z
  .unknown()
  .refine(isJsonValue, { message: `Expected a JSON value at most ${MAX_JSON_DEPTH} levels deep` });

/** PUT /tenants/settings: the full settings document. */
export const ReplaceTenantSettingsBodySchema = z.object({
  billing_contacts: z.array(z.object({ email }).catchall(jsonValue)).max(20).default([]),
  billing_webhook_url: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .nullable()
    .default(null),
  plan_metadata: z.record(z.string().max(128), jsonValue).default({}),
  flags: z.record(z.string().min(1).max(128), jsonValue).default({}),
});
export type ReplaceTenantSettingsBody = z.infer<typeof ReplaceTenantSettingsBodySchema>;
