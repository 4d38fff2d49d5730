import type { AgentModelSettings, AgentRuntime } from '@starter/agent-runtime';
import type { Authorizer } from '../../auth/index.js';
import type { AgentStatsSource } from './agent-stats.js';

/** The billing flags `GET /features` reports for the caller's tenant. */
export interface CatalogFeatures {
  billing_enabled: boolean;
  billing_stream_enabled: boolean;
}

/** What the catalog routes (spec §1.13) run on. */
export interface CatalogRouteDeps {
  runtime: AgentRuntime;
  /** AGENT_MODEL_DEFAULT / AGENT_MODEL_<KEY>, to name the model each agent resolves to (§3.3). */
  modelSettings: AgentModelSettings;
  agentStats: AgentStatsSource;
  features: (tenantId: string) => Promise<CatalogFeatures>;
  authorizer: Authorizer;
}

/** Mount point of the catalog routes. */
export const CATALOG_PREFIX = '/api/v1';

/** The rule of every catalog route but `/features` (spec §1.13: S(tools:read)). */
export const TOOLS_READ = { kind: 'S', scopes: ['tools:read'] } as const;

/** JSON content of one schema. */
export const json = <T>(schema: T) => ({ 'application/json': { schema } });
