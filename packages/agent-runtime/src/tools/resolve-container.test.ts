import { isAppError } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import type { AgentRunContext } from '../runtime/run-context.js';
import { createInMemoryContainers } from './in-memory-containers.js';
import { type ResolveContainerDeps, resolveContainer } from './resolve-container.js';
import type { ToolBuildSpec } from './tool-registry-entry.js';

const baseContext: AgentRunContext = {
  runId: 'run-1',
  tenantId: 'tenant-a',
  userId: 'user-1',
  conversationId: null,
  requestMessage: 'hi',
  environment: 'test',
};

const containers = createInMemoryContainers([
  { tenantId: 'tenant-a', agentKey: 'analyst', openAiId: 'cntr_bound' },
  { tenantId: 'tenant-b', agentKey: 'coder', openAiId: 'cntr_other_tenant' },
]);

const deps: ResolveContainerDeps = {
  containers,
  settings: { containerDefaultAutoMemory: '1g', containerFallbackToAutoOnMissingBinding: true },
};

function spec(key: string, codeInterpreter?: NonNullable<ToolBuildSpec['toolConfigs']>['codeInterpreter']) {
  return {
    key,
    toolKeys: ['code_interpreter'],
    toolConfigs: codeInterpreter ? { codeInterpreter } : undefined,
  };
}

describe('resolveContainer (§6.2)', () => {
  it('prefers the request override over everything', async () => {
    const resolved = await resolveContainer(
      spec('analyst', { containerId: 'cntr_spec' }),
      { ...baseContext, containerOverrides: { analyst: 'cntr_override' } },
      deps,
    );
    expect(resolved).toEqual({ container: 'cntr_override', mode: 'explicit', source: 'request_override' });
  });

  it("uses the tenant's agent binding over the spec container id", async () => {
    const resolved = await resolveContainer(spec('analyst', { containerId: 'cntr_spec' }), baseContext, deps);
    expect(resolved).toEqual({ container: 'cntr_bound', mode: 'explicit', source: 'tenant_binding' });
  });

  it("ignores another tenant's binding and falls back to the spec container id", async () => {
    const resolved = await resolveContainer(spec('coder', { containerId: 'cntr_spec' }), baseContext, deps);
    expect(resolved).toEqual({ container: 'cntr_spec', mode: 'explicit', source: 'spec_container_id' });
  });

  it('otherwise builds an auto container with the memory tier and files', async () => {
    expect(await resolveContainer(spec('coder'), baseContext, deps)).toEqual({
      container: { type: 'auto', memory_limit: '1g' },
      mode: 'auto',
      source: 'auto',
    });
    const configured = await resolveContainer(
      spec('coder', { memoryLimit: '16g', fileIds: ['file_1'] }),
      { ...baseContext, tenantId: null },
      { ...deps, settings: { ...deps.settings, containerDefaultAutoMemory: '4g' } },
    );
    expect(configured.container).toEqual({ type: 'auto', memory_limit: '16g', file_ids: ['file_1'] });
  });

  it('falls back to auto for mode explicit without a binding while the setting allows it', async () => {
    const resolved = await resolveContainer(spec('coder', { mode: 'explicit' }), baseContext, deps);
    expect(resolved.mode).toBe('auto');
  });

  it('fails for mode explicit without a binding when fallback is off', async () => {
    const strict = {
      ...deps,
      settings: { ...deps.settings, containerFallbackToAutoOnMissingBinding: false },
    };
    const error = await resolveContainer(spec('coder', { mode: 'explicit' }), baseContext, strict).catch(
      (e: unknown) => e,
    );
    expect(isAppError(error)).toBe(true);
    expect((error as Error).message).toMatch(/explicit code interpreter container/);
    // A binding satisfies explicit mode even when fallback is off.
    expect(
      (await resolveContainer(spec('analyst', { mode: 'explicit' }), baseContext, strict)).container,
    ).toBe('cntr_bound');
  });
});
