import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const SCOPE = /^[A-Za-z0-9_.-]+:[A-Za-z0-9_.*-]+$/;
const ACCOUNT_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

const accountSchema = z
  .strictObject({
    description: z.string().max(256).optional(),
    scopes: z.array(z.string().regex(SCOPE)).min(1).max(32),
    tenant_bound: z.boolean(),
    default_ttl_minutes: z.number().int().min(1),
    max_ttl_minutes: z.number().int().min(1),
  })
  .refine(
    (a) => a.default_ttl_minutes <= a.max_ttl_minutes,
    'default_ttl_minutes must not exceed max_ttl_minutes',
  );

/** The service-account catalog (spec §7.7): which accounts exist and what each may be issued. */
export const ServiceAccountCatalogSchema = z.strictObject({
  accounts: z
    .record(z.string().regex(ACCOUNT_NAME), accountSchema)
    .refine((accounts) => Object.keys(accounts).length > 0, 'The catalog needs at least one account.'),
});
export type ServiceAccountCatalog = z.infer<typeof ServiceAccountCatalogSchema>;
/** One catalog account. */
export type ServiceAccountDefinition = ServiceAccountCatalog['accounts'][string];

const DAY = 1440;

/** The catalog of spec §7.7. */
export const DEFAULT_SERVICE_ACCOUNT_CATALOG: ServiceAccountCatalog = Object.freeze({
  accounts: {
    'analytics-batch': {
      scopes: ['conversations:read'],
      tenant_bound: true,
      default_ttl_minutes: 30 * DAY,
      max_ttl_minutes: 30 * DAY,
    },
    'billing-worker': {
      scopes: ['billing:read', 'billing:manage', 'activity:read'],
      tenant_bound: true,
      default_ttl_minutes: 30 * DAY,
      max_ttl_minutes: 30 * DAY,
    },
    'support-console': {
      scopes: ['support:*', 'activity:read'],
      tenant_bound: false,
      default_ttl_minutes: 7 * DAY,
      max_ttl_minutes: 7 * DAY,
    },
    'synthetic-monitor': {
      scopes: ['conversations:write', 'tools:read', 'billing:read'],
      tenant_bound: true,
      default_ttl_minutes: DAY,
      max_ttl_minutes: DAY,
    },
    'demo-bot': {
      scopes: ['chat:write', 'conversations:read'],
      tenant_bound: false,
      default_ttl_minutes: 30 * DAY,
      max_ttl_minutes: 30 * DAY,
    },
  },
});

/** Validates a catalog; throws a `ZodError` naming every problem (a startup configuration error). */
export function parseServiceAccountCatalog(value: unknown): ServiceAccountCatalog {
  return ServiceAccountCatalogSchema.parse(value);
}

/** Reads and validates a JSON catalog file whose path the app's settings give. */
export async function loadServiceAccountCatalog(path: string): Promise<ServiceAccountCatalog> {
  return parseServiceAccountCatalog(JSON.parse(await readFile(path, 'utf8')));
}
