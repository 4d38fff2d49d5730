import { z } from 'zod';
import { ChunkDeltaEventSchema, ChunkDoneEventSchema } from './chunk-events.js';
import {
  MessageCitationEventSchema,
  MessageDeltaEventSchema,
  OutputItemAddedEventSchema,
  OutputItemDoneEventSchema,
  ReasoningSummaryDeltaEventSchema,
  ReasoningSummaryPartAddedEventSchema,
  ReasoningSummaryPartDoneEventSchema,
  RefusalDeltaEventSchema,
  RefusalDoneEventSchema,
} from './output-events.js';
import { AgentUpdatedEventSchema, LifecycleEventSchema, MemoryCheckpointEventSchema } from './run-events.js';
import { FinalEventSchema, StreamErrorEventSchema } from './terminal-events.js';
import {
  ToolApprovalEventSchema,
  ToolArgumentsDeltaEventSchema,
  ToolArgumentsDoneEventSchema,
  ToolCodeDeltaEventSchema,
  ToolCodeDoneEventSchema,
  ToolOutputEventSchema,
  ToolStatusEventSchema,
} from './tool-events.js';

/** One frame of a `public_sse_v1` stream: the 23 kinds, discriminated by `kind`. */
export const PublicSseEventSchema = z.discriminatedUnion('kind', [
  LifecycleEventSchema,
  MemoryCheckpointEventSchema,
  AgentUpdatedEventSchema,
  OutputItemAddedEventSchema,
  OutputItemDoneEventSchema,
  MessageDeltaEventSchema,
  MessageCitationEventSchema,
  ReasoningSummaryPartAddedEventSchema,
  ReasoningSummaryPartDoneEventSchema,
  ReasoningSummaryDeltaEventSchema,
  RefusalDeltaEventSchema,
  RefusalDoneEventSchema,
  ToolStatusEventSchema,
  ToolArgumentsDeltaEventSchema,
  ToolArgumentsDoneEventSchema,
  ToolCodeDeltaEventSchema,
  ToolCodeDoneEventSchema,
  ToolOutputEventSchema,
  ToolApprovalEventSchema,
  ChunkDeltaEventSchema,
  ChunkDoneEventSchema,
  StreamErrorEventSchema,
  FinalEventSchema,
]);
export type PublicSseEvent = z.infer<typeof PublicSseEventSchema>;

/** The `kind` discriminator. */
export type PublicSseEventKind = PublicSseEvent['kind'];

/** The event type of one kind, e.g. `PublicSseEventOf<'final'>`. */
export type PublicSseEventOf<K extends PublicSseEventKind> = Extract<PublicSseEvent, { kind: K }>;

export type LifecycleEvent = PublicSseEventOf<'lifecycle'>;
export type MemoryCheckpointEvent = PublicSseEventOf<'memory.checkpoint'>;
export type AgentUpdatedEvent = PublicSseEventOf<'agent.updated'>;
export type OutputItemAddedEvent = PublicSseEventOf<'output_item.added'>;
export type OutputItemDoneEvent = PublicSseEventOf<'output_item.done'>;
export type MessageDeltaEvent = PublicSseEventOf<'message.delta'>;
export type MessageCitationEvent = PublicSseEventOf<'message.citation'>;
export type ReasoningSummaryPartAddedEvent = PublicSseEventOf<'reasoning_summary.part.added'>;
export type ReasoningSummaryPartDoneEvent = PublicSseEventOf<'reasoning_summary.part.done'>;
export type ReasoningSummaryDeltaEvent = PublicSseEventOf<'reasoning_summary.delta'>;
export type RefusalDeltaEvent = PublicSseEventOf<'refusal.delta'>;
export type RefusalDoneEvent = PublicSseEventOf<'refusal.done'>;
export type ToolStatusEvent = PublicSseEventOf<'tool.status'>;
export type ToolArgumentsDeltaEvent = PublicSseEventOf<'tool.arguments.delta'>;
export type ToolArgumentsDoneEvent = PublicSseEventOf<'tool.arguments.done'>;
export type ToolCodeDeltaEvent = PublicSseEventOf<'tool.code.delta'>;
export type ToolCodeDoneEvent = PublicSseEventOf<'tool.code.done'>;
export type ToolOutputEvent = PublicSseEventOf<'tool.output'>;
export type ToolApprovalEvent = PublicSseEventOf<'tool.approval'>;
export type ChunkDeltaEvent = PublicSseEventOf<'chunk.delta'>;
export type ChunkDoneEvent = PublicSseEventOf<'chunk.done'>;
export type StreamErrorEvent = PublicSseEventOf<'error'>;
export type FinalEvent = PublicSseEventOf<'final'>;

/** Every kind, in the order of spec §2.3. */
export const PUBLIC_SSE_EVENT_KINDS = PublicSseEventSchema.options.map(
  (option) => option.shape.kind.value,
) as readonly PublicSseEventKind[];

/** Kinds that end a stream; exactly one of them closes every stream (§2.5). */
export const PUBLIC_SSE_TERMINAL_KINDS = ['final', 'error'] as const satisfies readonly PublicSseEventKind[];

/** A terminal event (`final` or `error`). */
export type TerminalEvent = FinalEvent | StreamErrorEvent;

/** True for the event that ends a stream. */
export function isTerminalEvent(event: Pick<PublicSseEvent, 'kind'>): event is TerminalEvent {
  return event.kind === 'final' || event.kind === 'error';
}

/** Kinds that are not item events, i.e. carry no `output_index`/`item_id` (§2.2). */
export const PUBLIC_SSE_NON_ITEM_KINDS = [
  'lifecycle',
  'memory.checkpoint',
  'agent.updated',
  'error',
  'final',
] as const satisfies readonly PublicSseEventKind[];
