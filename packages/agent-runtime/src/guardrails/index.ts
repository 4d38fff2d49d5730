// Public API of guardrails/: each module adds its exports here.
export {
  type BuiltAgentGuardrails,
  buildAgentGuardrails,
  type GuardrailBuildDeps,
} from './build-agent-guardrails.js';
export {
  attachToolGuardrails,
  buildToolGuardrails,
  chooseToolConfig,
  type ToolGuardrailOptions,
  type ToolGuardrailSources,
  type ToolGuardrails,
} from './build-tool-guardrails.js';
export { evaluateGuardrail, type GuardrailEvaluation } from './evaluate-guardrail.js';
export {
  type GuardrailCatalogDetail,
  type GuardrailCatalogItem,
  guardrailCatalog,
  guardrailDetail,
  type PresetCatalogDetail,
  type PresetCatalogItem,
  presetCatalog,
  presetDetail,
} from './guardrail-catalog.js';
export * from './guardrail-config.js';
export {
  createGuardrailSummary,
  type GuardrailCounts,
  type GuardrailEventSink,
  type GuardrailResultEvent,
  type GuardrailSummary,
  type GuardrailSummaryCollector,
} from './guardrail-events.js';
export {
  createGuardrailModelClient,
  type GuardrailModelClient,
  type GuardrailModelClientOptions,
  type GuardrailModelRequest,
  type GuardrailVerdict,
} from './guardrail-model-client.js';
export {
  findGuardrailPreset,
  GUARDRAIL_PRESETS,
  type GuardrailPreset,
  type GuardrailPresetMember,
  requireGuardrailPreset,
} from './guardrail-presets.js';
export { BUNDLED_GUARDRAILS, createGuardrailRegistry, type GuardrailRegistry } from './guardrail-registry.js';
export type {
  AnyGuardrailSpec,
  ConversationTurn,
  GuardrailCheckDeps,
  GuardrailCheckInput,
  GuardrailCheckResult,
  GuardrailEngine,
  GuardrailSpec,
  GuardrailTokenUsage,
} from './guardrail-spec.js';
export { defineGuardrail } from './guardrail-spec.js';
export { maskInput } from './mask-input.js';
export type { ModerationClient } from './moderation.js';
export { DEFAULT_PII_ENTITIES, type PiiEntity } from './pii-entities.js';
export { type ResolvedGuardrail, resolveGuardrails, resolveGuardrailsSafe } from './resolve-guardrails.js';
export { type AgentGuardrailFields, validateAgentGuardrails } from './validate-agent-guardrails.js';
