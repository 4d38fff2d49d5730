import { z } from '@hono/zod-openapi';

/** OpenAPI shape of one dependency check. */
export const HealthCheckSchema = z
  .object({
    ok: z.boolean(),
    provider: z.string().openapi({ example: 'postgres' }),
    latency_ms: z.number(),
    detail: z.string().optional(),
  })
  .openapi('HealthCheck');
