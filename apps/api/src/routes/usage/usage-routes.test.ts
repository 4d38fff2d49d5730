import { randomUUID } from 'node:crypto';
import { createKyselyUsageStore, type ModelUsageReport, type UsageStore } from '@starter/agent-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import { createMember, type TestMember } from '../auth/auth-test-support.js';
import { accessToken, send } from '../platform/platform-test-support.js';
import { resolveCostWindow } from './cost-window.js';

const USAGE = '/api/v1/usage';
const COSTS = '/api/v1/usage/costs';

function response(model = 'gpt-4.1'): ModelUsageReport {
  return {
    runId: 'ignored',
    model,
    responseId: `resp_${randomUUID()}`,
    requests: 1,
    inputTokens: 1000,
    outputTokens: 200,
    cachedTokens: 0,
    reasoningTokens: 0,
  };
}

describe('usage routes (spec §1.20, §14 cost ledger)', () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;
  let store: UsageStore;
  let ownerA: TestMember;
  let viewerA: TestMember;
  let ownerB: TestMember;
  let tokenA: string;
  let viewerTokenA: string;
  let memberTokenA: string;
  let tokenB: string;
  const today = new Date().toISOString().slice(0, 10);
  // Another day inside the default 30-day window.
  const earlier = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);

  async function record(member: TestMember, agentKey: string, occurredAt = new Date(), model = 'gpt-4.1') {
    await store.recordRun({
      tenantId: member.tenantId,
      userId: member.userId,
      conversationId: randomUUID(),
      runId: `run_${randomUUID()}`,
      agentKey,
      responses: [response(model)],
      occurredAt,
    });
  }

  beforeAll(async () => {
    deps = await createTestDependencies({}, undefined, { migrate: true });
    app = createApp(deps);
    store = createKyselyUsageStore(deps.agents.db);
    ownerA = await createMember(deps, { role: 'owner' });
    viewerA = await createMember(deps, { role: 'viewer', tenantId: ownerA.tenantId });
    const memberA = await createMember(deps, { role: 'member', tenantId: ownerA.tenantId });
    ownerB = await createMember(deps, { role: 'owner' });
    [tokenA, viewerTokenA, memberTokenA, tokenB] = await Promise.all([
      accessToken(app, ownerA),
      accessToken(app, viewerA),
      accessToken(app, memberA),
      accessToken(app, ownerB),
    ]);
    await record(ownerA, 'triage');
    await record(viewerA, 'research');
    await record(ownerA, 'triage', new Date(`${earlier}T08:00:00Z`));
    await record(ownerB, 'secret-agent', new Date(), 'mystery-model');
  }, 120_000);
  afterAll(async () => {
    await deps.dispose();
  });

  it('GET /usage gives any member the tenant counters, per user and in total', async () => {
    const response = await send(app, 'get', USAGE, { token: viewerTokenA });
    expect(response.status).toBe(200);
    const rows = (await response.json()) as Record<string, unknown>[];
    expect(rows[0]).toEqual({
      id: expect.any(Number),
      tenant_id: ownerA.tenantId,
      user_id: expect.toBeOneOf([null, ownerA.userId, viewerA.userId]),
      period_start: today,
      granularity: 'day',
      input_tokens: expect.any(Number),
      output_tokens: expect.any(Number),
      requests: expect.any(Number),
      storage_bytes: 0,
      updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    const todays = rows.filter((row) => row.period_start === today);
    expect(todays.map((row) => [row.user_id, row.requests])).toEqual(
      expect.arrayContaining([
        [null, 2],
        [ownerA.userId, 1],
        [viewerA.userId, 1],
      ]),
    );
    expect(rows).toHaveLength(5);
    const limited = await send(app, 'get', `${USAGE}?limit=2`, { token: viewerTokenA });
    expect(await limited.json()).toHaveLength(2);
  });

  it('GET /usage/costs sums the last 30 days by default, per day, agent or user', async () => {
    const byDay = await send(app, 'get', COSTS, { token: tokenA });
    expect(byDay.status).toBe(200);
    const report = (await byDay.json()) as { groups: { key: string }[]; [key: string]: unknown };
    // 1000 × $2/1M + 200 × $8/1M = $0.0036 per run.
    expect(report).toMatchObject({
      group_by: 'day',
      to: today,
      currency: 'USD',
      groups: [
        { key: earlier, responses: 1, cost_usd: '0.003600' },
        { key: today, responses: 2, cost_usd: '0.007200' },
      ],
      total: { responses: 3, requests: 3, input_tokens: 3000, output_tokens: 600, cost_usd: '0.010800' },
    });

    const byAgent = await send(app, 'get', `${COSTS}?group_by=agent&from=${earlier}&to=${today}`, {
      token: tokenA,
    });
    const agents = (await byAgent.json()) as { groups: { key: string; responses: number }[] };
    expect(agents.groups.map((group) => [group.key, group.responses])).toEqual([
      ['triage', 2],
      ['research', 1],
    ]);
    const byUser = await send(app, 'get', `${COSTS}?group_by=user&from=${earlier}&to=${earlier}`, {
      token: tokenA,
    });
    expect(await byUser.json()).toMatchObject({
      from: earlier,
      to: earlier,
      groups: [{ key: ownerA.userId, responses: 1, cost_usd: '0.003600' }],
    });
  });

  it('GET /usage/costs is for tenant admins and owners only', async () => {
    for (const token of [viewerTokenA, memberTokenA]) {
      const response = await send(app, 'get', COSTS, { token });
      expect(response.status).toBe(403);
    }
    expect((await send(app, 'get', COSTS)).status).toBe(401);
  });

  it.each([
    ['a malformed date', '?from=2025-13-01'],
    ['an unknown grouping', '?group_by=model'],
    ['from after to', '?from=2025-02-02&to=2025-02-01'],
    ['a window over 366 days', '?from=2023-01-01&to=2025-01-01'],
  ])('GET /usage/costs answers %s with the 422 envelope', async (_label, query) => {
    const response = await send(app, 'get', `${COSTS}${query}`, { token: tokenA });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      success: false,
      error: 'ValidationError',
      message: 'Request validation failed.',
      details: [expect.objectContaining({ location: 'query' })],
    });
  });

  it('GET /usage answers a bad limit with 422', async () => {
    for (const limit of ['0', '101', 'many']) {
      const response = await send(app, 'get', `${USAGE}?limit=${limit}`, { token: tokenA });
      expect(response.status).toBe(422);
    }
  });

  it("tenant B never sees tenant A's usage, and A never sees B's", async () => {
    const counters = (await (await send(app, 'get', USAGE, { token: tokenB })).json()) as {
      tenant_id: string;
      user_id: string | null;
    }[];
    expect(counters.length).toBeGreaterThan(0);
    expect(counters.every((row) => row.tenant_id === ownerB.tenantId)).toBe(true);
    const costs = await send(app, 'get', `${COSTS}?group_by=agent`, { token: tokenB });
    expect(await costs.json()).toMatchObject({
      groups: [{ key: 'secret-agent', responses: 1, unpriced_responses: 1, cost_usd: '0.000000' }],
      total: { responses: 1 },
    });
    const text = await (await send(app, 'get', `${COSTS}?group_by=agent`, { token: tokenA })).text();
    expect(text).not.toContain('secret-agent');
    const header = await send(app, 'get', USAGE, {
      token: tokenA,
      headers: { 'x-tenant-id': ownerB.tenantId },
    });
    expect(header.status).toBe(403);
  });
});

describe('resolveCostWindow', () => {
  const now = new Date('2025-03-14T18:00:00Z');

  it('defaults to the 30 days ending today (UTC)', () => {
    expect(resolveCostWindow({}, now)).toEqual({ from: '2025-02-13', to: '2025-03-14' });
    expect(resolveCostWindow({ to: '2025-01-31' }, now)).toEqual({ from: '2025-01-02', to: '2025-01-31' });
  });

  it('accepts a single day and exactly 366 days, refuses more', () => {
    expect(resolveCostWindow({ from: '2025-03-01', to: '2025-03-01' }, now)).toEqual({
      from: '2025-03-01',
      to: '2025-03-01',
    });
    expect(() => resolveCostWindow({ from: '2024-01-01', to: '2024-12-31' }, now)).not.toThrow();
    const tooLong = {
      code: 'ValidationError',
      details: [expect.objectContaining({ message: expect.stringMatching(/366/) })],
    };
    expect(() => resolveCostWindow({ from: '2024-01-01', to: '2025-01-01' }, now)).toThrow(
      expect.objectContaining(tooLong),
    );
    expect(() => resolveCostWindow({ from: '2023-01-01' }, now)).toThrow(expect.objectContaining(tooLong));
  });
});
