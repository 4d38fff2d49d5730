import { z } from 'zod';

/** Where a guardrail check runs (spec §5.1). */
export const guardrailStageSchema = z.enum(['pre_flight', 'input', 'output', 'tool_input', 'tool_output']);
export type GuardrailStage = z.infer<typeof guardrailStageSchema>;

/** One explicit guardrail of an agent or tool config; `config` is validated against the check's schema. */
export const guardrailEntrySchema = z.strictObject({
  key: z.string().min(1),
  config: z.record(z.string(), z.unknown()).default({}),
  enabled: z.boolean().default(true),
});
export type GuardrailEntry = z.input<typeof guardrailEntrySchema>;

/** `AgentGuardrailConfig` (§5.1): preset first, then explicit keys and entries override; disabled entries drop. */
export const agentGuardrailConfigSchema = z.strictObject({
  preset: z.string().min(1).optional(),
  keys: z.array(z.string().min(1)).default([]),
  guardrails: z.array(guardrailEntrySchema).default([]),
  suppressTripwire: z.boolean().default(false),
});
export type AgentGuardrailConfig = z.input<typeof agentGuardrailConfigSchema>;

/** `ToolGuardrailConfig` (§5.1): guardrails on a tool's arguments (`input`) and result (`output`). */
export const toolGuardrailConfigSchema = z.strictObject({
  input: agentGuardrailConfigSchema.optional(),
  output: agentGuardrailConfigSchema.optional(),
  enabled: z.boolean().default(true),
});
export type ToolGuardrailConfig = z.input<typeof toolGuardrailConfigSchema>;

/** `GuardrailRuntimeOptions` (§5.1). */
export const guardrailRuntimeOptionsSchema = z.strictObject({
  suppressTripwire: z.boolean().default(false),
  /** `blocking`: output guardrails finish before the answer is emitted; `streaming`: they run alongside. */
  streamingMode: z.enum(['blocking', 'streaming']).default('blocking'),
  /** How many checks of one stage run at once. */
  concurrency: z.number().int().min(1).max(32).default(4),
});
export type GuardrailRuntimeOptions = z.input<typeof guardrailRuntimeOptionsSchema>;
