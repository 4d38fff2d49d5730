import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { UsageStore } from '@starter/agent-runtime';
import type { Clock } from '@starter/contracts';
import type { Authorizer } from '../../auth/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { resolveCostWindow } from './cost-window.js';
import { CostQuerySchema, CostReportSchema, UsageCounterSchema, UsageQuerySchema } from './usage-schemas.js';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const tags = ['Usage'];
// Token counters are no secret within a team (spec §1.20: any member).
const ANY_MEMBER = { kind: 'T', role: 'viewer' } as const;
// Money is billing data: only the roles that get billing:read at login (spec §7.8) see it.
const BILLING_ROLES = { kind: 'T', role: 'admin' } as const;

/** What the usage routes run on. */
export interface UsageRouteDeps {
  authorizer: Authorizer;
  usage: UsageStore;
  clock: Clock;
}

/** GET /api/v1/usage (counters) and GET /api/v1/usage/costs (the cost ledger, spec §14). */
export function registerUsageRouteHandlers(app: OpenAPIHono<AppEnv>, deps: UsageRouteDeps): void {
  const { authorizer, usage, clock } = deps;

  const counters = createRoute({
    method: 'get',
    path: '/api/v1/usage',
    tags,
    summary: "The tenant's newest usage counters",
    request: { query: UsageQuerySchema },
    responses: {
      200: {
        description: 'Daily counters per user and the tenant total',
        content: json(UsageCounterSchema.array()),
      },
      422: errorResponse('Invalid query'),
    },
  });
  app.openapi(authorizer.protect(counters, ANY_MEMBER), async (c) => {
    const { tenantId } = c.get('tenant');
    const rows = await usage.counters({ tenantId }, { limit: c.req.valid('query').limit });
    return c.json(
      rows.map((row) => ({ ...row, updated_at: row.updated_at.toISOString() })),
      200,
    );
  });

  const costs = createRoute({
    method: 'get',
    path: '/api/v1/usage/costs',
    tags,
    summary: "The tenant's model costs per day, agent or user",
    request: { query: CostQuerySchema },
    responses: {
      200: { description: 'Costs per group and in total', content: json(CostReportSchema) },
      422: errorResponse('Invalid query or window'),
    },
  });
  app.openapi(authorizer.protect(costs, BILLING_ROLES), async (c) => {
    const query = c.req.valid('query');
    const window = resolveCostWindow(query, clock.date());
    const report = await usage.costs(
      { tenantId: c.get('tenant').tenantId },
      { ...window, groupBy: query.group_by },
    );
    return c.json({ ...report, ...window }, 200);
  });
}
