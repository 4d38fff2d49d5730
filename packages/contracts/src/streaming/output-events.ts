import { z } from 'zod';
import { CitationSchema } from './citation.js';
import { defineItemEvent } from './envelope.js';

const index = z.number().int().min(0);

// `item_type` stays an open string: the provider adds output item types (custom tool calls, MCP
// listings, …) faster than this contract could enumerate them, and clients only branch on known ones.
const outputItemShape = {
  item_type: z.string().min(1),
  role: z.string().min(1).nullish(),
  status: z.string().min(1).nullish(),
};

/** An output item (message, tool call, reasoning summary) starts at `output_index`. */
export const OutputItemAddedEventSchema = defineItemEvent('output_item.added', outputItemShape);

/** An output item is complete. */
export const OutputItemDoneEventSchema = defineItemEvent('output_item.done', outputItemShape);

/** Assistant text appended to a content part. */
export const MessageDeltaEventSchema = defineItemEvent('message.delta', {
  content_index: index,
  delta: z.string(),
});

/** A citation annotating a span of a content part. */
export const MessageCitationEventSchema = defineItemEvent('message.citation', {
  content_index: index,
  citation: CitationSchema,
});

const summaryPartShape = {
  summary_index: index,
  part_type: z.literal('summary_text'),
  text: z.string(),
};

/** A reasoning-summary part starts. */
export const ReasoningSummaryPartAddedEventSchema = defineItemEvent(
  'reasoning_summary.part.added',
  summaryPartShape,
);

/** A reasoning-summary part is complete, with its full text. */
export const ReasoningSummaryPartDoneEventSchema = defineItemEvent(
  'reasoning_summary.part.done',
  summaryPartShape,
);

/** Reasoning-summary text; accumulates into `final.reasoning_summary_text`. */
export const ReasoningSummaryDeltaEventSchema = defineItemEvent('reasoning_summary.delta', {
  summary_index: index.optional(),
  delta: z.string(),
});

/** Refusal text appended; any refusal makes the final status `refused`. */
export const RefusalDeltaEventSchema = defineItemEvent('refusal.delta', {
  content_index: index,
  delta: z.string(),
});

/** The full refusal text of a content part. */
export const RefusalDoneEventSchema = defineItemEvent('refusal.done', {
  content_index: index,
  refusal_text: z.string(),
});
