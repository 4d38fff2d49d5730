// Public API of specs/: agent specs, the registry, prompt templates, model resolution and SDK agent building.
export * from './agent-factory.js';
export { agentOutputJsonSchemaOf, agentOutputTypeOf } from './agent-output-type.js';
export * from './agent-registry.js';
export { AgentRegistryError } from './agent-registry-error.js';
export * from './agent-spec-schema.js';
export { finalAnswerOnlyExtractor } from './agent-tool-extractors.js';
export { datetimePromptProvider, formatPromptDatetime } from './datetime-provider.js';
export { defineAgent } from './define-agent.js';
export {
  freshHandoffFilter,
  type HandoffInputFilter,
  handoffInputFilterFor,
  lastTurnHandoffFilter,
} from './handoff-filters.js';
export { loadAgentSpecsFromDirectory } from './load-agent-specs.js';
export * from './model-resolution.js';
export * from './prompt-context.js';
export * from './prompt-template-engine.js';
