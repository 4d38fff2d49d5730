import { AppError, type ValidationIssue } from '@starter/contracts';
import type { AgentGuardrailConfig, GuardrailStage } from './guardrail-config.js';
import type { GuardrailRegistry } from './guardrail-registry.js';
import { type ResolvedGuardrail, resolveGuardrailsSafe } from './resolve-guardrails.js';

/** Stages an agent config may hold (tool stages belong on tools). */
export const AGENT_STAGES: readonly GuardrailStage[] = ['pre_flight', 'input', 'output'];

/** Which side of a tool a tool guardrail config is for. */
export type ToolGuardrailSide = 'tool_input' | 'tool_output';

/** Resolves an agent's guardrails and rejects tool-stage checks on it. */
export function placeAgentGuardrails(
  config: AgentGuardrailConfig | undefined,
  registry: GuardrailRegistry,
): { resolved: ResolvedGuardrail[]; issues: ValidationIssue[] } {
  const { resolved, issues } = resolveGuardrailsSafe(config, registry);
  const problems = [...issues];
  const kept: ResolvedGuardrail[] = [];
  for (const item of resolved) {
    if (AGENT_STAGES.includes(item.spec.stage)) kept.push(item);
    else
      problems.push({
        path: ['guardrails', item.key],
        message: `Guardrail "${item.key}" runs at stage ${item.spec.stage}; it belongs in tool guardrails, not agent guardrails.`,
        code: 'wrong_stage',
      });
  }
  return { resolved: kept, issues: problems };
}

/**
 * Resolves one side of a tool guardrail config. Tool presets carry both sides, so preset members of the
 * other tool side are dropped quietly; anything else of the wrong stage is a problem.
 */
export function placeToolGuardrails(
  config: AgentGuardrailConfig | undefined,
  side: ToolGuardrailSide,
  registry: GuardrailRegistry,
): { resolved: ResolvedGuardrail[]; issues: ValidationIssue[] } {
  const { resolved, issues } = resolveGuardrailsSafe(config, registry);
  const problems = [...issues];
  const kept: ResolvedGuardrail[] = [];
  const otherSide: GuardrailStage = side === 'tool_input' ? 'tool_output' : 'tool_input';
  for (const item of resolved) {
    if (item.spec.stage === side) kept.push(item);
    else if (item.spec.stage === otherSide && item.source === 'preset') continue;
    else
      problems.push({
        path: [side === 'tool_input' ? 'input' : 'output', item.key],
        message: `Guardrail "${item.key}" runs at stage ${item.spec.stage}; a tool ${side === 'tool_input' ? 'input' : 'output'} config takes only ${side} checks.`,
        code: 'wrong_stage',
      });
  }
  return { resolved: kept, issues: problems };
}

/** Throws the issues of a placement as one 422. */
export function throwOnIssues(issues: readonly ValidationIssue[]): void {
  if (issues.length > 0)
    throw AppError.validation([...issues], issues.map((issue) => issue.message).join(' '));
}
