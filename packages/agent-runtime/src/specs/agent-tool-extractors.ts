import type { AgentToolOutputExtractor } from './agent-spec-schema.js';

/** Built-in `final_answer_only`: the sub-agent's final answer alone (JSON text for structured output). */
export const finalAnswerOnlyExtractor: AgentToolOutputExtractor = (result) => {
  const output = result.finalOutput;
  if (output === undefined || output === null) return '';
  return typeof output === 'string' ? output : JSON.stringify(output);
};

/** The extractor function a spec names or passes. */
export function resolveAgentToolExtractor(
  value: 'final_answer_only' | AgentToolOutputExtractor | undefined,
): AgentToolOutputExtractor | undefined {
  return value === 'final_answer_only' ? finalAnswerOnlyExtractor : value;
}
