import { isAppError } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import type { AgentRunContext } from '../runtime/run-context.js';
import { createInMemoryVectorStores } from './in-memory-vector-stores.js';
import { resolveVectorStores } from './resolve-vector-stores.js';
import type { ToolBuildSpec } from './tool-registry-entry.js';

const context: AgentRunContext = {
  runId: 'run-1',
  tenantId: 'tenant-a',
  userId: 'user-1',
  conversationId: null,
  requestMessage: 'hi',
  environment: 'test',
};

function stores() {
  return createInMemoryVectorStores({
    stores: [
      { id: 'db-a1', openAiId: 'vs_a1', tenantId: 'tenant-a', name: 'handbook' },
      { id: 'db-a2', openAiId: 'vs_a2', tenantId: 'tenant-a', name: 'primary' },
      { id: 'db-b1', openAiId: 'vs_b1', tenantId: 'tenant-b', name: 'primary' },
    ],
    bindings: [{ tenantId: 'tenant-a', agentKey: 'bound_agent', openAiIds: ['vs_a1'] }],
  });
}

const settings = { autoCreateVectorStoreForFileSearch: true };

function spec(key: string, extra: Partial<ToolBuildSpec> = {}): ToolBuildSpec {
  return { key, toolKeys: ['file_search'], ...extra };
}

async function failure(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('resolveVectorStores (§6.4)', () => {
  it('prefers request override ids, accepting DB ids and OpenAI ids of the tenant', async () => {
    const resolved = await resolveVectorStores(
      spec('bound_agent', { vectorStoreBinding: 'static', vectorStoreIds: ['vs_static'] }),
      { ...context, vectorStoreOverrides: { bound_agent: ['db-a2', 'vs_a1'] } },
      { vectorStores: stores(), settings },
    );
    expect(resolved).toEqual({ vectorStoreIds: ['vs_a2', 'vs_a1'], source: 'request_override' });
  });

  it('rejects an override id that belongs to another tenant', async () => {
    const error = await failure(
      resolveVectorStores(
        spec('helper'),
        { ...context, vectorStoreOverrides: { helper: ['vs_b1'] } },
        { vectorStores: stores(), settings },
      ),
    );
    expect(error.code).toBe('NotFound');
  });

  it('uses the tenant agent binding before static spec ids', async () => {
    const resolved = await resolveVectorStores(
      spec('bound_agent', { vectorStoreBinding: 'static', vectorStoreIds: ['vs_static'] }),
      context,
      { vectorStores: stores(), settings },
    );
    expect(resolved).toEqual({ vectorStoreIds: ['vs_a1'], source: 'tenant_binding' });
  });

  it('uses static spec ids, also without a tenant, and fails when there are none', async () => {
    const resolved = await resolveVectorStores(
      spec('helper', { vectorStoreBinding: 'static', vectorStoreIds: ['vs_static'] }),
      { ...context, tenantId: null },
      { settings },
    );
    expect(resolved).toEqual({ vectorStoreIds: ['vs_static'], source: 'static' });
    const error = await failure(
      resolveVectorStores(spec('helper', { vectorStoreBinding: 'static' }), context, {
        vectorStores: stores(),
        settings,
      }),
    );
    expect(error.message).toMatch(/static/);
  });

  it('required: uses the primary store and fails when the tenant has none', async () => {
    const port = stores();
    expect(
      await resolveVectorStores(spec('helper', { vectorStoreBinding: 'required' }), context, {
        vectorStores: port,
        settings,
      }),
    ).toEqual({
      vectorStoreIds: ['vs_a2'],
      source: 'required',
    });
    const error = await failure(
      resolveVectorStores(
        spec('helper', { vectorStoreBinding: 'required' }),
        { ...context, tenantId: 'tenant-c' },
        { vectorStores: port, settings },
      ),
    );
    expect(error.message).toMatch(/primary/);
    expect(port.list('tenant-c')).toEqual([]);
  });

  it('tenant_default: auto-creates the primary store when allowed', async () => {
    const port = stores();
    const resolved = await resolveVectorStores(
      spec('helper'),
      { ...context, tenantId: 'tenant-c' },
      { vectorStores: port, settings },
    );
    expect(port.list('tenant-c')).toEqual([
      expect.objectContaining({ name: 'primary', openAiId: resolved.vectorStoreIds[0] }),
    ]);
    expect(resolved.source).toBe('tenant_default');
    // The next request finds the same store instead of creating another.
    const again = await resolveVectorStores(
      spec('helper'),
      { ...context, tenantId: 'tenant-c' },
      { vectorStores: port, settings },
    );
    expect(again.vectorStoreIds).toEqual(resolved.vectorStoreIds);
    expect(port.list('tenant-c')).toHaveLength(1);
  });

  it('tenant_default: fails when auto-creation is off and there is no primary store', async () => {
    const port = stores();
    const error = await failure(
      resolveVectorStores(
        spec('helper', { vectorStoreBinding: 'tenant_default' }),
        { ...context, tenantId: 'tenant-c' },
        { vectorStores: port, settings: { autoCreateVectorStoreForFileSearch: false } },
      ),
    );
    expect(error.message).toMatch(/auto-creation is off/);
    expect(port.list('tenant-c')).toEqual([]);
    expect(
      await resolveVectorStores(spec('helper'), context, {
        vectorStores: port,
        settings: { autoCreateVectorStoreForFileSearch: false },
      }),
    ).toEqual({ vectorStoreIds: ['vs_a2'], source: 'tenant_default' });
  });

  it('fails without a tenant context for tenant stores', async () => {
    const error = await failure(
      resolveVectorStores(
        spec('helper'),
        { ...context, tenantId: null },
        { vectorStores: stores(), settings },
      ),
    );
    expect(error.message).toMatch(/tenant context/);
  });
});
