import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AgentRuntime } from '@starter/agent-runtime';
import type { AppEnv } from '../../http/app-env.js';
import { CATALOG_PREFIX, type CatalogRouteDeps, json, TOOLS_READ } from './catalog-route-deps.js';
import { ToolCatalogSchema } from './catalog-schemas.js';

/** The `GET /tools` body: registered tools, their categories, and each agent's tools plus agent tools. */
export function toolCatalog(runtime: AgentRuntime) {
  const tools = runtime.tools.catalog().map((entry) => ({ ...entry, defaults: { ...entry.defaults } }));
  const perAgent: Record<string, string[]> = {};
  for (const spec of runtime.agents.list()) perAgent[spec.key] = [...spec.toolKeys, ...spec.agentToolKeys];
  return {
    total_tools: tools.length,
    tool_names: tools.map((tool) => tool.name),
    categories: [...new Set(tools.map((tool) => tool.category))].sort(),
    per_agent: perAgent,
    tools,
  };
}

/** `GET /tools` (spec §1.13). */
export function registerToolRoutes(app: OpenAPIHono<AppEnv>, deps: CatalogRouteDeps): void {
  const route = createRoute({
    method: 'get',
    path: `${CATALOG_PREFIX}/tools`,
    tags: ['Tools'],
    summary: 'List registered tools',
    responses: { 200: { description: 'The tool registry', content: json(ToolCatalogSchema) } },
  });
  app.openapi(deps.authorizer.protect(route, TOOLS_READ), (c) => c.json(toolCatalog(deps.runtime), 200));
}
