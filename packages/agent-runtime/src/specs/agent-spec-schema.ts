import type { RunConfig, RunContext } from '@openai/agents';
import { z } from 'zod';
import {
  agentGuardrailConfigSchema,
  guardrailRuntimeOptionsSchema,
  toolGuardrailConfigSchema,
} from '../guardrails/guardrail-config.js';
import { memoryStrategyConfigSchema } from '../memory/memory-strategy-config.js';
import type { AgentRunContext } from '../runtime/run-context.js';
import { fileSearchOptionsSchema, toolConfigsSchema } from '../tools/tool-configs.js';

/** Agent keys are stable snake_case ids used by the API, handoffs and workflows. */
export const AGENT_KEY_PATTERN = /^[a-z][a-z0-9_]*$/;

const agentKeySchema = z.string().regex(AGENT_KEY_PATTERN, 'must match /^[a-z][a-z0-9_]*$/');

/** History filters a handoff can apply, by registry name (§3.1). */
export const handoffContextSchema = z.enum(['full', 'fresh', 'last_turn']);
export type HandoffContextPolicy = z.infer<typeof handoffContextSchema>;

export const handoffInputFilterNameSchema = z.enum(['full', 'fresh', 'last_turn', 'remove_all_tools']);
export type HandoffInputFilterName = z.infer<typeof handoffInputFilterNameSchema>;

const plainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A zod schema (the spec's `input_type` import path becomes the schema itself). */
const zodSchema = z.custom<z.ZodType>((value) => value instanceof z.ZodType, 'must be a zod schema');

const zodObjectSchema = z.custom<z.ZodObject>(
  (value) => value instanceof z.ZodObject,
  'must be a zod object schema',
);

/** A JSON schema of an object, as the Responses API's structured output takes it. */
const jsonObjectSchema = z.custom<Readonly<Record<string, unknown>>>(
  (value) => plainObject(value) && !(value instanceof z.ZodType) && value.type === 'object',
  'must be a zod object schema or a JSON schema with type "object"',
);

/** Predicate deciding per run whether an agent tool is offered to the model. */
export type AgentToolEnabledPredicate = (args: {
  runContext: RunContext<AgentRunContext>;
  agent: unknown;
}) => boolean | Promise<boolean>;

/** Turns a sub-agent's completed run into the tool output the caller sees. */
export type AgentToolOutputExtractor = (result: { finalOutput?: unknown }) => string | Promise<string>;

const fn = <T>(message: string) => z.custom<T>((value) => typeof value === 'function', message);

/** `handoff_overrides[target]` (§3.1). */
export const handoffOverrideSchema = z.strictObject({
  toolName: z.string().min(1).optional(),
  toolDescription: z.string().min(1).optional(),
  inputFilter: handoffInputFilterNameSchema.optional(),
  /** Structured arguments the model passes with the transfer. */
  inputType: zodSchema.optional(),
  isEnabled: z.boolean().optional(),
});

/** `agent_tool_overrides[agent]` (§3.1). */
export const agentToolOverrideSchema = z.strictObject({
  toolName: z.string().min(1).optional(),
  toolDescription: z.string().min(1).optional(),
  customOutputExtractor: z
    .union([z.literal('final_answer_only'), fn<AgentToolOutputExtractor>('must be a function')])
    .optional(),
  isEnabled: z
    .union([z.boolean(), fn<AgentToolEnabledPredicate>('must be a boolean or a function')])
    .optional(),
  maxTurns: z.number().int().min(1).optional(),
  runConfig: z.custom<Partial<RunConfig>>(plainObject, 'must be an object').optional(),
});

/** `output` (§3.1): structured output as a zod object schema or a JSON schema. */
export const agentOutputSpecSchema = z.strictObject({
  mode: z.enum(['text', 'json_schema']).default('text'),
  schema: z.union([zodObjectSchema, jsonObjectSchema]).optional(),
  /** Name of the JSON schema format sent to the model (default `<key>_output`). */
  name: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -')
    .optional(),
  strict: z.boolean().default(true),
});

/** The fields of one agent spec (§3.1), camelCase. */
export const agentSpecSchema = z
  .strictObject({
    key: agentKeySchema,
    displayName: z.string().trim().min(1),
    description: z.string().trim().min(1),
    modelKey: z.string().trim().min(1).optional(),
    model: z.string().trim().min(1, 'must not be empty').optional(),
    capabilities: z.array(z.string().min(1)).default([]),
    instructions: z.string().min(1).optional(),
    /** Absolute file path of a Jinja-style prompt template (a `file:` URL is turned into one). */
    promptPath: z.string().min(1).optional(),
    handoffKeys: z.array(agentKeySchema).default([]),
    default: z.boolean().default(false),
    wrapWithHandoffPrompt: z.boolean().default(false),
    promptDefaults: z.record(z.string(), z.unknown()).default({}),
    toolKeys: z.array(z.string().min(1)).default([]),
    toolConfigs: toolConfigsSchema.default({}),
    handoffContext: z.record(z.string(), handoffContextSchema).default({}),
    handoffOverrides: z.record(z.string(), handoffOverrideSchema).default({}),
    agentToolKeys: z.array(agentKeySchema).default([]),
    agentToolOverrides: z.record(z.string(), agentToolOverrideSchema).default({}),
    output: agentOutputSpecSchema.optional(),
    vectorStoreBinding: z.enum(['tenant_default', 'static', 'required']).default('tenant_default'),
    vectorStoreIds: z.array(z.string().min(1)).default([]),
    fileSearchOptions: fileSearchOptionsSchema.optional(),
    memoryStrategy: memoryStrategyConfigSchema.optional(),
    guardrails: agentGuardrailConfigSchema.optional(),
    toolGuardrails: toolGuardrailConfigSchema.optional(),
    toolGuardrailOverrides: z.record(z.string(), toolGuardrailConfigSchema).default({}),
    guardrailsRuntime: guardrailRuntimeOptionsSchema.optional(),
  })
  .superRefine((spec, ctx) => {
    if (spec.model !== undefined && spec.modelKey !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['model'], message: 'model and modelKey are mutually exclusive' });
    }
    if ((spec.instructions === undefined) === (spec.promptPath === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['instructions'],
        message: 'exactly one of instructions or promptPath is required',
      });
    }
    if (spec.output?.mode === 'json_schema' && spec.output.schema === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['output', 'schema'],
        message: 'json_schema output needs a schema',
      });
    }
    if (spec.vectorStoreBinding === 'static' && spec.vectorStoreIds.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['vectorStoreIds'],
        message: 'static vector store binding needs at least one vector store id',
      });
    }
  });

/** A validated agent spec; `defineAgent` freezes it. */
export type AgentSpec = Readonly<z.output<typeof agentSpecSchema>>;

/** What a spec module passes to `defineAgent`; `promptPath` may also be a `file:` URL. */
export type AgentSpecInput = Omit<z.input<typeof agentSpecSchema>, 'promptPath'> & {
  promptPath?: string | URL | undefined;
};

export type HandoffOverride = z.output<typeof handoffOverrideSchema>;
export type AgentToolOverride = z.output<typeof agentToolOverrideSchema>;
export type AgentOutputSpec = z.output<typeof agentOutputSpecSchema>;
