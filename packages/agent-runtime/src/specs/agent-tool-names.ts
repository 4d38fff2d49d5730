import type { AgentSpec } from './agent-spec-schema.js';

/** The function-tool name an agent exposes for another agent it calls as a tool (default: the target key). */
export function agentToolNameOf(spec: AgentSpec, targetKey: string): string {
  return spec.agentToolOverrides[targetKey]?.toolName ?? targetKey;
}

/** The transfer tool name of a handoff, as the SDK derives it from the target's display name. */
export function handoffToolNameOf(spec: AgentSpec, target: AgentSpec): string {
  return (
    spec.handoffOverrides[target.key]?.toolName ??
    `transfer_to_${target.displayName.replace(/[^a-zA-Z0-9]/g, '_')}`
  );
}
