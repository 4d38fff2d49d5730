import { z } from 'zod';

/** A stored file the run produced (container file, generated image); deduplicated by `object_id`. */
export const RunAttachmentSchema = z.strictObject({
  object_id: z.string().min(1),
  filename: z.string().min(1),
  mime_type: z.string().nullish(),
  size_bytes: z.number().int().min(0).nullish(),
  /** Presigned download URL. */
  url: z.string().nullish(),
  tool_call_id: z.string().nullish(),
});
export type RunAttachment = z.infer<typeof RunAttachmentSchema>;

const tokens = z.number().int().min(0);

/**
 * Token usage of the run. Only the three totals are required: the golden fixtures carry just those,
 * while the spec lists the cached/reasoning/request counters too.
 */
export const TokenUsageSchema = z.strictObject({
  input_tokens: tokens,
  output_tokens: tokens,
  total_tokens: tokens,
  cached_input_tokens: tokens.optional(),
  reasoning_output_tokens: tokens.optional(),
  requests: tokens.optional(),
});
export type TokenUsage = z.infer<typeof TokenUsageSchema>;

/** Outcome of a run, as decided by the §2.4 rule. */
export const FinalStatusSchema = z.enum(['completed', 'incomplete', 'failed', 'cancelled', 'refused']);
export type FinalStatus = z.infer<typeof FinalStatusSchema>;

/** The `final` object of the terminal `final` event. */
export const FinalPayloadSchema = z.strictObject({
  status: FinalStatusSchema,
  response_text: z.string().nullish(),
  structured_output: z.json().optional(),
  reasoning_summary_text: z.string().nullish(),
  refusal_text: z.string().nullish(),
  attachments: z.array(RunAttachmentSchema),
  usage: TokenUsageSchema.nullish(),
});
export type FinalPayload = z.infer<typeof FinalPayloadSchema>;

/** The `error` object of the terminal `error` event; never retryable within the stream. */
export const StreamErrorPayloadSchema = z.strictObject({
  code: z.string().nullish(),
  message: z.string().min(1),
  source: z.enum(['provider', 'server']),
  is_retryable: z.literal(false),
});
export type StreamErrorPayload = z.infer<typeof StreamErrorPayloadSchema>;
