import { z } from 'zod';
import { TENANT_STATUSES } from '../schema/identity-enums.js';
import { AdminPageQuerySchema } from '../tenant-admin/tenant-admin-schemas.js';

const slug = z
  .string()
  .trim()
  .toLowerCase()
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'Slug must be lowercase letters, digits and dashes.');

/** GET /platform/tenants query. */
export const ListPlatformTenantsQuerySchema = AdminPageQuerySchema.extend({
  status: z.enum(TENANT_STATUSES).optional(),
  q: z.string().trim().min(1).max(128).optional(),
});
export type ListPlatformTenantsQuery = z.infer<typeof ListPlatformTenantsQuerySchema>;

/** POST /platform/tenants. */
export const CreatePlatformTenantBodySchema = z.object({
  name: z.string().trim().min(2).max(128),
  slug: slug.optional(),
});
export type CreatePlatformTenantBody = z.infer<typeof CreatePlatformTenantBodySchema>;

/** PATCH /platform/tenants/{tenant_id}. */
export const UpdatePlatformTenantBodySchema = z
  .object({ name: z.string().trim().min(2).max(128).optional(), slug: slug.optional() })
  .refine((body) => body.name !== undefined || body.slug !== undefined, 'Give a name or a slug.');
export type UpdatePlatformTenantBody = z.infer<typeof UpdatePlatformTenantBodySchema>;

/** POST /platform/tenants/{tenant_id}/suspend | reactivate | deprovision. */
export const TenantStatusReasonBodySchema = z.object({ reason: z.string().trim().min(3).max(256) });
export type TenantStatusReasonBody = z.infer<typeof TenantStatusReasonBodySchema>;

/** The entitlement keys operators may override (spec §1.10, §8.3). */
export const KNOWN_FEATURE_KEYS = ['billing', 'billing_stream'] as const;
/** A known feature key. */
export type FeatureKey = (typeof KNOWN_FEATURE_KEYS)[number];

/** PUT /platform/tenants/{tenant_id}/features: `true`/`false` sets an override, `null` clears it. */
export const PutTenantFeaturesBodySchema = z.object({
  flags: z.strictObject({
    billing: z.boolean().nullable().optional(),
    billing_stream: z.boolean().nullable().optional(),
  }),
});
export type PutTenantFeaturesBody = z.infer<typeof PutTenantFeaturesBodySchema>;
