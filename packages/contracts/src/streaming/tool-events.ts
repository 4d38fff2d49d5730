import { z } from 'zod';
import { defineItemEvent } from './envelope.js';
import { PUBLIC_SSE_LIMITS } from './limits.js';
import {
  CallableToolTypeSchema,
  ToolArgumentsJsonSchema,
  ToolOutputSchema,
  ToolStateSchema,
} from './tool-state.js';

const toolCallId = z.string().min(1);

/** The current state of one tool call. */
export const ToolStatusEventSchema = defineItemEvent('tool.status', { tool: ToolStateSchema });

const argumentsShape = {
  tool_call_id: toolCallId,
  tool_type: CallableToolTypeSchema,
  tool_name: z.string().min(1),
};

/** A slice of the sanitized arguments, re-emitted after the provider finished streaming them. */
export const ToolArgumentsDeltaEventSchema = defineItemEvent('tool.arguments.delta', {
  ...argumentsShape,
  delta: z.string().max(PUBLIC_SSE_LIMITS.argumentsDeltaChars),
});

/** The complete sanitized arguments, as text and (when it parses) as JSON. */
export const ToolArgumentsDoneEventSchema = defineItemEvent('tool.arguments.done', {
  ...argumentsShape,
  arguments_text: z.string().max(PUBLIC_SSE_LIMITS.argumentsTextChars),
  arguments_json: ToolArgumentsJsonSchema.optional(),
});

/** Code the code interpreter is writing. */
export const ToolCodeDeltaEventSchema = defineItemEvent('tool.code.delta', {
  tool_call_id: toolCallId,
  delta: z.string(),
});

/** The complete code the code interpreter ran. */
export const ToolCodeDoneEventSchema = defineItemEvent('tool.code.done', {
  tool_call_id: toolCallId,
  code: z.string(),
});

/** The sanitized output of a function, MCP or agent tool. */
export const ToolOutputEventSchema = defineItemEvent('tool.output', {
  tool_call_id: toolCallId,
  tool_type: CallableToolTypeSchema,
  output: ToolOutputSchema,
});

/**
 * An approval decision on a tool call. §2.3 has it for MCP only; `function` is allowed because the
 * project's approval flow (spec §14) also pauses function tools.
 */
export const ToolApprovalEventSchema = defineItemEvent('tool.approval', {
  tool_call_id: toolCallId,
  tool_type: z.enum(['mcp', 'function']),
  tool_name: z.string().min(1),
  server_label: z.string().nullish(),
  approval_request_id: z.string().nullish(),
  approved: z.boolean(),
  reason: z.string().max(PUBLIC_SSE_LIMITS.approvalReasonChars).nullish(),
});
