import { z } from 'zod';
import { defineItemEvent } from './envelope.js';
import { PUBLIC_SSE_LIMITS } from './limits.js';

/** The field a chunk sequence fills in, e.g. a tool call's `partial_image_b64` part 0. */
export const ChunkTargetSchema = z.strictObject({
  entity_kind: z.enum(['tool_call', 'message']),
  entity_id: z.string().min(1),
  field: z.string().min(1),
  part_index: z.number().int().min(0).nullish(),
});
export type ChunkTarget = z.infer<typeof ChunkTargetSchema>;

/** One slice of a large value; slices of a target are numbered from 0. */
export const ChunkDeltaEventSchema = defineItemEvent('chunk.delta', {
  target: ChunkTargetSchema,
  encoding: z.enum(['base64', 'utf8']),
  chunk_index: z.number().int().min(0),
  data: z.string().max(PUBLIC_SSE_LIMITS.chunkDataChars),
});

/** Closes the chunk sequence of a target (the fixtures carry only the target). */
export const ChunkDoneEventSchema = defineItemEvent('chunk.done', { target: ChunkTargetSchema });
