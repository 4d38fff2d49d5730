import { z } from '@hono/zod-openapi';
import { offsetPage } from '@starter/contracts';
import { TenantAccountSchema } from '../tenants/tenant-schemas.js';

/** `GET /platform/tenants`. */
export const PlatformTenantPageSchema = offsetPage(TenantAccountSchema).openapi('PlatformTenantPage');

/** `GET|PUT /platform/tenants/{tenant_id}/features`: the overrides that are set. */
export const TenantFeaturesSchema = z
  .object({
    tenant_id: z.string(),
    flags: z.object({ billing: z.boolean().optional(), billing_stream: z.boolean().optional() }),
  })
  .openapi('TenantFeatures');

/** Path of the `{tenant_id}` routes. */
export const TenantParamSchema = z.object({ tenant_id: z.string().min(1).max(64) });
