import { codeInterpreterTool } from '@openai/agents';
import { type ResolveContainerDeps, resolveContainer } from './resolve-container.js';
import type { ToolRegistryEntry } from './tool-registry-entry.js';

/** The hosted `code_interpreter` entry; the container is resolved per agent per request (§6.2). */
export function createCodeInterpreterEntry(deps: ResolveContainerDeps): ToolRegistryEntry {
  return {
    key: 'code_interpreter',
    category: 'code',
    kind: 'hosted',
    description: 'Runs Python in an OpenAI-hosted container (files in, files and charts out).',
    provider: 'openai',
    defaults: { container: { type: 'auto', memory_limit: deps.settings.containerDefaultAutoMemory } },
    build: async (spec, context) => {
      const resolved = await resolveContainer(spec, context, deps);
      return {
        // includeOutputs asks for `code_interpreter_call.outputs` so logs and images reach the stream (§3.1).
        tools: [codeInterpreterTool({ container: resolved.container, includeOutputs: true })],
        metadata: { container_mode: resolved.mode },
      };
    },
  };
}
