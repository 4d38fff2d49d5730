import { z } from 'zod';

/** The `schema` constant every public stream frame carries. */
export const PUBLIC_SSE_SCHEMA = 'public_sse_v1';

/** Workflow coordinates stamped on every frame of a workflow stream (null or absent for chat). */
export const WorkflowContextSchema = z.strictObject({
  workflow_key: z.string().min(1),
  workflow_run_id: z.string().min(1),
  stage_name: z.string().min(1).nullable(),
  step_name: z.string().min(1).nullable(),
  step_agent: z.string().min(1).nullable(),
  parallel_group: z.string().min(1).nullable(),
  branch_index: z.number().int().min(0).nullable(),
});
export type WorkflowContext = z.infer<typeof WorkflowContextSchema>;

/** Marks a frame as coming from a nested agent-as-tool run, keyed by the parent's tool call. */
export const EventScopeSchema = z.strictObject({
  type: z.literal('agent_tool'),
  tool_call_id: z.string().min(1),
  tool_name: z.string().min(1).nullish(),
  agent: z.string().min(1).nullish(),
});
export type EventScope = z.infer<typeof EventScopeSchema>;

/** Tells the client that the sanitizer changed a value, and where (dot/bracket path). */
export const StreamNoticeSchema = z.strictObject({
  type: z.enum(['redacted', 'truncated']),
  path: z.string(),
  message: z.string(),
});
export type StreamNotice = z.infer<typeof StreamNoticeSchema>;

// Envelope fields shared by every kind. `scope` is left out on purpose: terminal frames belong to the
// root stream only, so item/run events add it back in `defineEvent`.
const rootEnvelopeShape = {
  schema: z.literal(PUBLIC_SSE_SCHEMA),
  event_id: z.number().int().min(1),
  stream_id: z.string().min(1),
  server_timestamp: z.iso.datetime(),
  conversation_id: z.string().min(1),
  response_id: z.string().min(1).nullable(),
  agent: z.string().min(1).nullable(),
  workflow: WorkflowContextSchema.nullish(),
  provider_sequence_number: z.number().int().min(0).optional(),
  notices: z.array(StreamNoticeSchema).optional(),
};

const itemShape = {
  output_index: z.number().int().min(0),
  item_id: z.string().min(1),
};

/** A non-item, possibly scoped event (lifecycle, memory.checkpoint, agent.updated). */
export function defineEvent<K extends string, S extends z.ZodRawShape>(kind: K, shape: S) {
  return z.strictObject({
    ...rootEnvelopeShape,
    scope: EventScopeSchema.optional(),
    kind: z.literal(kind),
    ...shape,
  });
}

/** An item event: it also requires `output_index` and `item_id` (§2.2). */
export function defineItemEvent<K extends string, S extends z.ZodRawShape>(kind: K, shape: S) {
  return z.strictObject({
    ...rootEnvelopeShape,
    scope: EventScopeSchema.optional(),
    ...itemShape,
    kind: z.literal(kind),
    ...shape,
  });
}

/** A terminal event: root stream only, so it can carry no `scope`. */
export function defineTerminalEvent<K extends string, S extends z.ZodRawShape>(kind: K, shape: S) {
  return z.strictObject({ ...rootEnvelopeShape, kind: z.literal(kind), ...shape });
}
