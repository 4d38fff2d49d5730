import { AppError } from '@starter/contracts';
import type { AgentRunContext } from '../runtime/run-context.js';
import type { ContainerPort } from './tool-ports.js';
import type { ToolBuildSpec } from './tool-registry-entry.js';
import type { ToolRegistrySettings } from './tool-settings.js';

/** The container a code_interpreter tool runs in, and how it was chosen. */
export interface ResolvedContainer {
  readonly container:
    | string
    | { type: 'auto'; memory_limit: '1g' | '4g' | '16g' | '64g'; file_ids?: string[] };
  readonly mode: 'auto' | 'explicit';
  readonly source: 'request_override' | 'tenant_binding' | 'spec_container_id' | 'auto';
}

/** What container resolution reads besides the spec and the run context. */
export interface ResolveContainerDeps {
  readonly containers?: ContainerPort | undefined;
  readonly settings: Pick<
    ToolRegistrySettings,
    'containerDefaultAutoMemory' | 'containerFallbackToAutoOnMissingBinding'
  >;
}

/**
 * Resolves the code interpreter container for one agent in one request (§6.2): request override > tenant
 * agent binding > spec `container_id` > an auto container with the configured memory tier and files.
 */
export async function resolveContainer(
  spec: ToolBuildSpec,
  context: AgentRunContext,
  deps: ResolveContainerDeps,
): Promise<ResolvedContainer> {
  const override = context.containerOverrides?.[spec.key];
  if (override) return { container: override, mode: 'explicit', source: 'request_override' };

  if (context.tenantId !== null && deps.containers !== undefined) {
    const bound = await deps.containers.agentBinding(context.tenantId, spec.key);
    if (bound) return { container: bound, mode: 'explicit', source: 'tenant_binding' };
  }

  const config = spec.toolConfigs?.codeInterpreter;
  if (config?.containerId)
    return { container: config.containerId, mode: 'explicit', source: 'spec_container_id' };

  if (config?.mode === 'explicit' && !deps.settings.containerFallbackToAutoOnMissingBinding) {
    throw new AppError(
      'PreconditionFailed',
      `Agent "${spec.key}" needs an explicit code interpreter container, but none is bound for this tenant.`,
      { details: { agent: spec.key, tool: 'code_interpreter' } },
    );
  }
  const fileIds = config?.fileIds;
  return {
    container: {
      type: 'auto',
      memory_limit: config?.memoryLimit ?? deps.settings.containerDefaultAutoMemory,
      ...(fileIds !== undefined && fileIds.length > 0 ? { file_ids: [...fileIds] } : {}),
    },
    mode: 'auto',
    source: 'auto',
  };
}
