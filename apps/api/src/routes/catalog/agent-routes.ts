import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '@starter/contracts';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { agentModel, agentOutputSchema, agentTooling, pageAgents } from './agent-catalog.js';
import { callerTenant } from './catalog-caller.js';
import { CATALOG_PREFIX, type CatalogRouteDeps, json, TOOLS_READ } from './catalog-route-deps.js';
import { AgentCatalogPageSchema, AgentCatalogQuerySchema, AgentStatusSchema } from './catalog-schemas.js';

const tags = ['Agents'];
const AgentNameParamSchema = z.object({
  agent_name: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'agent_name', in: 'path' } }),
});

/** `GET /agents` and `GET /agents/{agent_name}/status` (spec §1.13). */
export function registerAgentRoutes(app: OpenAPIHono<AppEnv>, deps: CatalogRouteDeps): void {
  const { authorizer, runtime, modelSettings, agentStats } = deps;

  const list = createRoute({
    method: 'get',
    path: `${CATALOG_PREFIX}/agents`,
    tags,
    summary: 'List agents',
    request: { query: AgentCatalogQuerySchema },
    responses: {
      200: { description: 'A page of agents', content: json(AgentCatalogPageSchema) },
      400: errorResponse('The cursor is not one of this list'),
    },
  });
  app.openapi(authorizer.protect(list, TOOLS_READ), async (c) => {
    const { page, nextCursor, total } = pageAgents(runtime.agents.list(), c.req.valid('query'));
    const tenantId = callerTenant(c);
    const items = await Promise.all(
      page.map(async (spec) => ({
        name: spec.key,
        status: 'active' as const,
        output_schema: agentOutputSchema(spec),
        display_name: spec.displayName,
        description: spec.description,
        ...agentModel(runtime, spec, modelSettings),
        tooling: agentTooling(spec),
        last_seen_at: (await agentStats(tenantId, spec.key)).lastUsedAt?.toISOString() ?? null,
      })),
    );
    return c.json({ items, next_cursor: nextCursor, total }, 200);
  });

  const status = createRoute({
    method: 'get',
    path: `${CATALOG_PREFIX}/agents/{agent_name}/status`,
    tags,
    summary: "An agent's status and usage in the caller's tenant",
    request: { params: AgentNameParamSchema },
    responses: {
      200: { description: 'The agent status', content: json(AgentStatusSchema) },
      404: errorResponse('No such agent'),
    },
  });
  app.openapi(authorizer.protect(status, TOOLS_READ), async (c) => {
    const { agent_name: name } = c.req.valid('param');
    if (!runtime.agents.has(name)) throw new AppError('NotFound', `Unknown agent '${name}'.`);
    const spec = runtime.agents.get(name);
    const stats = await agentStats(callerTenant(c), name);
    return c.json(
      {
        name,
        status: 'active' as const,
        output_schema: agentOutputSchema(spec),
        last_used: stats.lastUsedAt?.toISOString() ?? null,
        total_conversations: stats.totalConversations,
        tooling: agentTooling(spec),
      },
      200,
    );
  });
}
