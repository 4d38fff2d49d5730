import type { ContainerPort } from './tool-ports.js';

/** One tenant agent → container binding. */
export interface InMemoryContainerBinding {
  readonly tenantId: string;
  readonly agentKey: string;
  readonly openAiId: string;
}

/** A `ContainerPort` over a fixed list of bindings. */
export function createInMemoryContainers(bindings: readonly InMemoryContainerBinding[] = []): ContainerPort {
  return {
    agentBinding: async (tenantId, agentKey) =>
      bindings.find((binding) => binding.tenantId === tenantId && binding.agentKey === agentKey)?.openAiId ??
      null,
  };
}
