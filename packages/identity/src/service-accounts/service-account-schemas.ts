import { z } from 'zod';
import { AdminPageQuerySchema } from '../tenant-admin/tenant-admin-schemas.js';

const scope = z.string().min(1).max(128);

/** POST /auth/service-accounts/issue. */
export const IssueServiceAccountBodySchema = z.object({
  account: z.string().min(1).max(64),
  scopes: z.array(scope).min(1).max(32),
  tenant_id: z.uuid().optional(),
  lifetime_minutes: z.number().int().min(1).optional(),
  fingerprint: z.string().min(1).max(256).optional(),
  force: z.boolean().default(false),
});
export type IssueServiceAccountBody = z.infer<typeof IssueServiceAccountBodySchema>;

/** POST /auth/service-accounts/browser-issue: the same, with a mandatory reason. */
export const BrowserIssueServiceAccountBodySchema = IssueServiceAccountBodySchema.extend({
  reason: z.string().trim().min(3).max(256),
});
export type BrowserIssueServiceAccountBody = z.infer<typeof BrowserIssueServiceAccountBodySchema>;

/** GET /auth/service-accounts/tokens query. */
export const ListServiceAccountTokensQuerySchema = AdminPageQuerySchema.extend({
  account: z.string().trim().min(1).max(64).optional(),
  fingerprint: z.string().min(1).max(256).optional(),
  status: z.enum(['active', 'revoked', 'all']).default('active'),
  tenant_id: z.uuid().optional(),
  include_global: z.union([z.boolean(), z.stringbool()]).default(false),
});
export type ListServiceAccountTokensQuery = z.infer<typeof ListServiceAccountTokensQuerySchema>;

/** POST /auth/service-accounts/tokens/{jti}/revoke. */
export const RevokeServiceAccountTokenBodySchema = z.object({
  reason: z.string().trim().min(3).max(256).optional(),
});
export type RevokeServiceAccountTokenBody = z.infer<typeof RevokeServiceAccountTokenBodySchema>;
