import { z } from 'zod';
import { defineEvent } from './envelope.js';

/** Statuses a `lifecycle` event reports (provider response lifecycle, or a cancelled workflow). */
export const LifecycleStatusSchema = z.enum([
  'queued',
  'in_progress',
  'completed',
  'failed',
  'incomplete',
  'cancelled',
]);
export type LifecycleStatus = z.infer<typeof LifecycleStatusSchema>;

/** Provider response lifecycle, or the service's own cancel. */
export const LifecycleEventSchema = defineEvent('lifecycle', {
  status: LifecycleStatusSchema,
  reason: z.string().nullish(),
});

const count = z.number().int().min(0);

/** What a memory strategy did to the session before the turn. */
export const MemoryCheckpointSchema = z.strictObject({
  strategy: z.enum(['compact', 'summarize', 'trim']),
  trigger_reason: z.string().nullish(),
  tokens_before: count.nullish(),
  tokens_after: count.nullish(),
  compacted_count: count.nullish(),
  compacted_inputs: count.nullish(),
  compacted_outputs: count.nullish(),
  keep_turns: count.nullish(),
  trigger_turns: count.nullish(),
  clear_tool_inputs: z.boolean().nullish(),
  excluded_tools: z.array(z.string()).nullish(),
  included_tools: z.array(z.string()).nullish(),
  total_items_before: count.nullish(),
  total_items_after: count.nullish(),
  turns_before: count.nullish(),
  turns_after: count.nullish(),
});
export type MemoryCheckpoint = z.infer<typeof MemoryCheckpointSchema>;

/** A memory compaction happened (internal `memory_compaction` lifecycle event). */
export const MemoryCheckpointEventSchema = defineEvent('memory.checkpoint', {
  checkpoint: MemoryCheckpointSchema,
});

/** A handoff changed the current agent; `handoff_index` counts handoffs from 1. */
export const AgentUpdatedEventSchema = defineEvent('agent.updated', {
  from_agent: z.string().min(1).nullish(),
  to_agent: z.string().min(1),
  handoff_index: z.number().int().min(1),
});
