import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { DEFAULT_AGENT_MODEL, DEMO_MODEL_NAME } from '@starter/agent-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { createAuthorizer } from '../../auth/index.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import type { AppEnv } from '../../http/app-env.js';
import { registerActivityRoutes } from '../activity/index.js';
import { createMember, type TestMember } from '../auth/auth-test-support.js';
import { accessToken, send } from '../platform/platform-test-support.js';
import { registerCatalogRoutes } from './index.js';

interface AgentItem {
  name: string;
  model: string;
  model_label: string;
  uses_demo_model: boolean;
  last_seen_at: string | null;
  tooling: Record<string, boolean>;
  output_schema: Record<string, unknown> | null;
}
interface AgentPage {
  items: AgentItem[];
  next_cursor: string | null;
  total: number;
}

describe('catalog routes (spec §1.13)', () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;
  let viewer: TestMember;
  let token: string;
  let otherToken: string;

  beforeAll(async () => {
    deps = await createTestDependencies({}, undefined, { migrate: true });
    app = createApp(deps);
    viewer = await createMember(deps, { role: 'viewer' });
    token = await accessToken(app, viewer);
    otherToken = await accessToken(app, await createMember(deps, { role: 'owner' }));
  });
  afterAll(async () => {
    await deps.dispose();
  });

  const get = (path: string, bearer = token) => send(app, 'get', `/api/v1${path}`, { token: bearer });
  const body = async <T>(response: Response, status = 200): Promise<T> => {
    expect(response.status, await response.clone().text()).toBe(status);
    return (await response.json()) as T;
  };

  it('lists every agent, names the offline demo model clearly, and pages by cursor', async () => {
    const all = await body<AgentPage>(await get('/agents?limit=100'));
    expect(all.total).toBe(deps.agents.runtime.agents.list().length);
    expect(all.next_cursor).toBeNull();
    const triage = all.items.find((item) => item.name === 'triage');
    expect(triage).toMatchObject({
      status: 'active',
      display_name: expect.any(String),
      description: expect.any(String),
      model: DEMO_MODEL_NAME,
      model_label: `demo model (requested: ${DEFAULT_AGENT_MODEL})`,
      requested_model: DEFAULT_AGENT_MODEL,
      uses_demo_model: true,
      // Hosted tools are not registered without an OpenAI key.
      tooling: {
        supports_code_interpreter: false,
        file_search: false,
        image_generation: false,
        web_search: false,
      },
      last_seen_at: null,
    });
    expect(all.items.find((item) => item.name === 'company_intel')?.output_schema).toMatchObject({
      type: 'object',
    });

    const first = await body<AgentPage>(await get('/agents?limit=2'));
    expect(first.items).toHaveLength(2);
    const second = await body<AgentPage>(await get(`/agents?limit=2&cursor=${first.next_cursor}`));
    expect(second.items.map((item) => item.name)).toEqual(all.items.slice(2, 4).map((item) => item.name));
    expect(first.total).toBe(all.total);
  });

  it('searches name, display name and description case-insensitively', async () => {
    const found = await body<AgentPage>(await get('/agents?search=RESEARCH'));
    expect(found.items.map((item) => item.name)).toContain('researcher');
    expect(found.total).toBe(found.items.length);
    const none = await body<AgentPage>(await get('/agents?search=no-such-agent-anywhere'));
    expect(none).toEqual({ items: [], next_cursor: null, total: 0 });
  });

  it('answers 422 for a bad limit and 400 for a foreign cursor, in the envelope', async () => {
    expect(await body(await get('/agents?limit=101'), 422)).toMatchObject({
      success: false,
      error: 'ValidationError',
    });
    expect(await body(await get('/agents?limit=0'), 422)).toMatchObject({ error: 'ValidationError' });
    expect(await body(await get('/agents?cursor=garbage'), 400)).toMatchObject({ error: 'BadRequest' });
  });

  it("reports an agent's conversations in the caller's tenant only", async () => {
    const updatedAt = new Date('2026-02-01T10:00:00Z');
    const conversation = (tenantId: string, agent: string, at: Date) => ({
      id: randomUUID(),
      tenant_id: tenantId as never,
      agent_entrypoint: agent,
      active_agent: agent,
      created_at: at,
      updated_at: at,
    });
    await deps.agents.db
      .insertInto('agent_conversations')
      .values([
        conversation(viewer.tenantId, 'triage', new Date('2026-01-01T10:00:00Z')),
        conversation(viewer.tenantId, 'triage', updatedAt),
        conversation(randomUUID(), 'triage', new Date('2026-03-01T10:00:00Z')),
      ])
      .execute();
    const status = await body<Record<string, unknown>>(await get('/agents/triage/status'));
    expect(status).toEqual({
      name: 'triage',
      status: 'active',
      output_schema: null,
      last_used: updatedAt.toISOString(),
      total_conversations: 2,
      tooling: {
        supports_code_interpreter: false,
        file_search: false,
        image_generation: false,
        web_search: false,
      },
    });
    const list = await body<AgentPage>(await get('/agents?search=triage'));
    expect(list.items.find((item) => item.name === 'triage')?.last_seen_at).toBe(updatedAt.toISOString());
    // Another tenant sees none of them.
    const theirs = await body<Record<string, unknown>>(await get('/agents/triage/status', otherToken));
    expect(theirs).toMatchObject({ total_conversations: 0, last_used: null });
  });

  it('answers 404 for an unknown agent', async () => {
    expect(await body(await get('/agents/nobody/status'), 404)).toMatchObject({
      success: false,
      error: 'NotFound',
    });
  });

  it('lists tools with categories and each agent its tool and agent-tool keys', async () => {
    const tools = await body<{
      total_tools: number;
      tool_names: string[];
      categories: string[];
      per_agent: Record<string, string[]>;
    }>(await get('/tools'));
    expect(tools.tool_names).toEqual(expect.arrayContaining(['get_current_time', 'search_conversations']));
    expect(tools.total_tools).toBe(tools.tool_names.length);
    expect(tools.categories).toEqual([...new Set(tools.categories)].sort());
    expect(Object.keys(tools.per_agent).sort()).toEqual(
      deps.agents.runtime.agents
        .list()
        .map((spec) => spec.key)
        .sort(),
    );
    const withAgentTools = deps.agents.runtime.agents.list().find((spec) => spec.agentToolKeys.length > 0);
    if (withAgentTools) {
      expect(tools.per_agent[withAgentTools.key]).toEqual(
        expect.arrayContaining([...withAgentTools.agentToolKeys]),
      );
    }
  });

  it('lists guardrails and presets, with details and 404s; /guardrails/presets is not a guardrail key', async () => {
    const guardrails = await body<{ items: { key: string }[]; total: number }>(await get('/guardrails'));
    expect(guardrails.total).toBe(guardrails.items.length);
    const key = guardrails.items[0]?.key ?? '';
    const detail = await body<Record<string, unknown>>(await get(`/guardrails/${key}`));
    expect(detail).toMatchObject({
      key,
      config_schema: expect.any(Object),
      default_config: expect.anything(),
    });

    const presets = await body<{ items: { key: string; guardrail_keys: string[] }[]; total: number }>(
      await get('/guardrails/presets'),
    );
    expect(presets.total).toBeGreaterThan(0);
    expect(presets.items[0]).toHaveProperty('guardrail_keys');
    const preset = presets.items[0];
    const presetBody = await body<{ key: string; guardrails: { key: string; config: unknown }[] }>(
      await get(`/guardrails/presets/${preset?.key}`),
    );
    expect(presetBody.guardrails.map((member) => member.key)).toEqual(preset?.guardrail_keys);

    expect(await body(await get('/guardrails/no_such_check'), 404)).toMatchObject({ error: 'NotFound' });
    expect(await body(await get('/guardrails/presets/no_such_preset'), 404)).toMatchObject({
      error: 'NotFound',
    });
  });

  it('reports billing off for the tenant (billing is not built yet)', async () => {
    expect(await body(await get('/features'))).toEqual({
      billing_enabled: false,
      billing_stream_enabled: false,
    });
  });

  it('refuses callers without a token', async () => {
    for (const path of [
      '/agents',
      '/agents/triage/status',
      '/tools',
      '/guardrails',
      '/guardrails/presets',
      '/features',
    ]) {
      const response = await send(app, 'get', `/api/v1${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 401 });
    }
  });

  it('documents the catalog and activity routes in OpenAPI with strict item schemas', () => {
    // Only these groups, so another group's schema problem cannot hide (or cause) a failure here.
    const own = new OpenAPIHono<AppEnv>();
    const authorizer = createAuthorizer({
      tokens: deps.identity.tokens,
      requireEmailVerification: false,
      loadTenant: async () => null,
      logger: deps.logger,
    });
    registerCatalogRoutes(own, deps, authorizer);
    registerActivityRoutes(own, deps, authorizer);
    const document = own.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
    const schemas = (document.components?.schemas ?? {}) as Record<
      string,
      { additionalProperties?: unknown; properties?: object }
    >;
    expect(schemas.AgentCatalogItem?.additionalProperties).toBe(false);
    expect(schemas.AgentCatalogItem?.properties).toHaveProperty('model_label');
    expect(schemas.ActivityEvent?.additionalProperties).toBe(false);
    expect(Object.keys(document.paths ?? {}).sort()).toEqual([
      '/api/v1/activity',
      '/api/v1/activity/mark-all-read',
      '/api/v1/activity/stream',
      '/api/v1/activity/{event_id}/dismiss',
      '/api/v1/activity/{event_id}/read',
      '/api/v1/agents',
      '/api/v1/agents/{agent_name}/status',
      '/api/v1/features',
      '/api/v1/guardrails',
      '/api/v1/guardrails/presets',
      '/api/v1/guardrails/presets/{preset_key}',
      '/api/v1/guardrails/{guardrail_key}',
      '/api/v1/tools',
    ]);
  });
});
