import { z } from '@hono/zod-openapi';

const RunAttachmentSchema = z.object({
  object_id: z.string(),
  filename: z.string(),
  mime_type: z.string().nullish(),
  size_bytes: z.number().int().nullish(),
  url: z.string().nullish(),
  tool_call_id: z.string().nullish(),
});

/** `POST /chat` response (spec §1.11). */
export const ChatResponseSchema = z
  .object({
    conversation_id: z.string(),
    message: z.string().nullable().optional(),
    response: z.string(),
    agent_used: z.string(),
    handoff_occurred: z.boolean(),
    attachments: z.array(RunAttachmentSchema),
    structured_output: z.unknown().nullable(),
    output_schema: z.record(z.string(), z.unknown()).nullable(),
    metadata: z.record(z.string(), z.unknown()),
  })
  .openapi('AgentChatResponse');

export const RunIdParamSchema = z.object({
  run_id: z
    .string()
    .min(1)
    .max(255)
    .openapi({ param: { name: 'run_id', in: 'path' } }),
});

const DecisionSchema = z.object({
  tool_call_id: z.string().min(1).max(255),
  approve: z.boolean(),
  reason: z.string().max(2000).optional(),
});

/** `POST /chat/runs/{run_id}/approvals`: one decision, or several as `decisions`. */
export const ApprovalsBodySchema = z
  .union([DecisionSchema.strict(), z.object({ decisions: z.array(DecisionSchema).min(1).max(64) }).strict()])
  .openapi('ChatRunApprovals');

export type ApprovalsBody = z.infer<typeof ApprovalsBodySchema>;

export const RunAcceptedSchema = z
  .object({ run_id: z.string(), stream_id: z.string().optional(), status: z.string() })
  .openapi('ChatRunAccepted');

export const SSE_CONTENT = { 'text/event-stream': { schema: z.string() } } as const;
