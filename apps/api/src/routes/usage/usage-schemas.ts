import { z } from '@hono/zod-openapi';

const day = z.iso.date().openapi({ format: 'date', example: '2025-03-14' });
const count = z.number().int().nonnegative();

/** GET /usage query: how many of the newest counter rows (spec §1.20: at most 100). */
export const UsageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(100),
});

/** One `usage_counters` row; `user_id` null is the tenant's total for the period. */
export const UsageCounterSchema = z
  .object({
    id: z.number().int(),
    tenant_id: z.string(),
    user_id: z.string().nullable(),
    period_start: day,
    granularity: z.enum(['day', 'month']),
    input_tokens: count,
    output_tokens: count,
    requests: count,
    storage_bytes: count,
    updated_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('UsageCounter');

/** GET /usage/costs query; the window is resolved (defaults, limits) by `resolveCostWindow`. */
export const CostQuerySchema = z.object({
  from: day.optional().openapi({ description: 'First UTC day, inclusive (default: 29 days before `to`).' }),
  to: day.optional().openapi({ description: 'Last UTC day, inclusive (default: today).' }),
  group_by: z.enum(['day', 'agent', 'user']).default('day'),
});
export type CostQueryParams = z.infer<typeof CostQuerySchema>;

const CostTotalsSchema = z
  .object({
    responses: count,
    unpriced_responses: count.openapi({ description: 'Responses of models without a price, counted at 0.' }),
    requests: count,
    input_tokens: count,
    cached_tokens: count,
    output_tokens: count,
    reasoning_tokens: count,
    cost_usd: z.string().openapi({ description: 'Decimal USD with 6 places.', example: '0.012345' }),
  })
  .openapi('UsageCostTotals');

/** The cost ledger summed per day, agent or user, and in total (spec §14). */
export const CostReportSchema = z
  .object({
    group_by: z.enum(['day', 'agent', 'user']),
    from: day,
    to: day,
    currency: z.literal('USD'),
    groups: z.array(
      CostTotalsSchema.extend({
        key: z.string().nullable().openapi({ description: 'The UTC day, agent key or user id.' }),
      }),
    ),
    total: CostTotalsSchema,
  })
  .openapi('UsageCostReport');
