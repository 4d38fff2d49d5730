import { z } from '@hono/zod-openapi';

const timestamp = z.string().nullable().openapi({ format: 'date-time' });
const jsonObject = z.record(z.string(), z.unknown());

/** Which hosted tools an agent can use in this process (unregistered hosted tools are off). */
export const AgentToolingSchema = z
  .strictObject({
    supports_code_interpreter: z.boolean(),
    file_search: z.boolean(),
    image_generation: z.boolean(),
    web_search: z.boolean(),
  })
  .openapi('AgentTooling');

/** One agent of `GET /agents`. */
export const AgentCatalogItemSchema = z
  .strictObject({
    name: z.string(),
    status: z.enum(['active']),
    output_schema: jsonObject.nullable(),
    display_name: z.string(),
    description: z.string(),
    model: z
      .string()
      .openapi({ description: 'The model runs use: `starter-demo` on the offline demo model' }),
    model_label: z.string().openapi({ example: 'demo model (requested: gpt-5.1)' }),
    requested_model: z.string().openapi({ description: 'The model the agent resolves to (spec §3.3)' }),
    uses_demo_model: z.boolean(),
    tooling: AgentToolingSchema,
    last_seen_at: timestamp,
  })
  .openapi('AgentCatalogItem');

/** `GET /agents`. */
export const AgentCatalogPageSchema = z
  .strictObject({
    items: z.array(AgentCatalogItemSchema),
    next_cursor: z.string().nullable(),
    total: z.number().int(),
  })
  .openapi('AgentCatalogPage');

/** `GET /agents` query. */
export const AgentCatalogQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(24),
  cursor: z.string().min(1).max(512).optional(),
  search: z.string().trim().max(200).optional(),
});

/** `GET /agents/{agent_name}/status`. */
export const AgentStatusSchema = z
  .strictObject({
    name: z.string(),
    status: z.enum(['active']),
    output_schema: jsonObject.nullable(),
    last_used: timestamp,
    total_conversations: z.number().int(),
    tooling: AgentToolingSchema,
  })
  .openapi('AgentStatus');

/** One registered tool. */
export const ToolCatalogEntrySchema = z
  .strictObject({
    name: z.string(),
    category: z.string(),
    kind: z.string(),
    description: z.string(),
    provider: z.string(),
    defaults: jsonObject,
  })
  .openapi('ToolCatalogEntry');

/** `GET /tools`. */
export const ToolCatalogSchema = z
  .strictObject({
    total_tools: z.number().int(),
    tool_names: z.array(z.string()),
    categories: z.array(z.string()),
    per_agent: z.record(z.string(), z.array(z.string())),
    tools: z.array(ToolCatalogEntrySchema),
  })
  .openapi('ToolCatalog');

/** One guardrail check. */
export const GuardrailSummarySchema = z
  .strictObject({
    key: z.string(),
    display_name: z.string(),
    description: z.string(),
    stage: z.string(),
    engine: z.string(),
    uses_conversation_history: z.boolean(),
    supports_masking: z.boolean(),
    tripwire_on_error: z.boolean(),
  })
  .openapi('GuardrailSummary');

/** `GET /guardrails/{guardrail_key}`. */
export const GuardrailDetailSchema = GuardrailSummarySchema.extend({
  config_schema: z.unknown().openapi({ description: 'JSON schema of the config (input form)' }),
  default_config: z.unknown(),
}).openapi('GuardrailDetail');

/** One guardrail preset. */
export const PresetSummarySchema = z
  .strictObject({
    key: z.string(),
    display_name: z.string(),
    description: z.string(),
    scope: z.enum(['agent', 'tool']),
    guardrail_keys: z.array(z.string()),
  })
  .openapi('GuardrailPresetSummary');

/** `GET /guardrails/presets/{preset_key}`: members with effective configs. */
export const PresetDetailSchema = PresetSummarySchema.extend({
  guardrails: z.array(
    z.strictObject({
      key: z.string(),
      enabled: z.boolean(),
      stage: z.string().nullable(),
      config: z.unknown(),
    }),
  ),
}).openapi('GuardrailPresetDetail');

/** A list with its size. */
export const listOf = <T extends z.ZodType>(item: T, name: string) =>
  z.strictObject({ items: z.array(item), total: z.number().int() }).openapi(name);

/** `GET /features`. */
export const FeaturesSchema = z
  .strictObject({ billing_enabled: z.boolean(), billing_stream_enabled: z.boolean() })
  .openapi('TenantFeatures');
