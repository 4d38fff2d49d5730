import type { AgentGuardrailConfig, ToolGuardrailConfig } from './guardrail-config.js';
import type { GuardrailRegistry } from './guardrail-registry.js';
import { placeAgentGuardrails, placeToolGuardrails } from './stage-placement.js';

/** The guardrail fields of an agent spec (§3.1). */
export interface AgentGuardrailFields {
  readonly guardrails?: AgentGuardrailConfig | undefined;
  readonly toolGuardrails?: ToolGuardrailConfig | undefined;
  readonly toolGuardrailOverrides?: Readonly<Record<string, ToolGuardrailConfig>> | undefined;
}

/** Startup check of an agent's guardrail configs; returns human-readable problems (empty when valid). */
export function validateAgentGuardrails(spec: AgentGuardrailFields, registry: GuardrailRegistry): string[] {
  const problems: string[] = [];
  const add = (where: string, messages: readonly { message: string }[]) => {
    for (const { message } of messages) problems.push(`${where}: ${message}`);
  };
  add('guardrails', placeAgentGuardrails(spec.guardrails, registry).issues);
  const toolConfigs: [string, ToolGuardrailConfig | undefined][] = [
    ['tool_guardrails', spec.toolGuardrails],
    ...Object.entries(spec.toolGuardrailOverrides ?? {}).map(
      ([tool, config]): [string, ToolGuardrailConfig] => [`tool_guardrail_overrides.${tool}`, config],
    ),
  ];
  for (const [where, config] of toolConfigs) {
    if (!config) continue;
    add(`${where}.input`, placeToolGuardrails(config.input, 'tool_input', registry).issues);
    add(`${where}.output`, placeToolGuardrails(config.output, 'tool_output', registry).issues);
  }
  return problems;
}
