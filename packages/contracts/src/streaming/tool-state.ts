import { z } from 'zod';
import { boundedJson } from './bounded-json.js';
import { PUBLIC_SSE_LIMITS } from './limits.js';

/**
 * Statuses each tool type may report in `tool.status`. `function` also has `awaiting_approval`: the
 * project pauses `needs_approval` function tools (spec §14), which §2.3 allowed only for MCP.
 */
export const TOOL_STATUSES = {
  web_search: ['in_progress', 'searching', 'completed'],
  file_search: ['in_progress', 'searching', 'completed'],
  code_interpreter: ['in_progress', 'interpreting', 'completed'],
  image_generation: ['in_progress', 'generating', 'partial_image', 'completed'],
  function: ['awaiting_approval', 'in_progress', 'completed', 'failed'],
  mcp: ['awaiting_approval', 'in_progress', 'completed', 'failed'],
  agent: ['in_progress', 'completed', 'failed'],
} as const;

/** Every `tool_type` of the tool union. */
export type ToolType = keyof typeof TOOL_STATUSES;

const toolCallId = z.string().min(1);
const argumentsText = z.string().max(PUBLIC_SSE_LIMITS.argumentsTextChars);
const argumentsJson = boundedJson(PUBLIC_SSE_LIMITS.argumentStringChars);
const toolOutput = boundedJson(PUBLIC_SSE_LIMITS.toolOutputStringChars);

/** Hosted web search; `sources` grows as URL citations arrive. */
export const WebSearchToolSchema = z.strictObject({
  tool_type: z.literal('web_search'),
  tool_call_id: toolCallId,
  status: z.enum(TOOL_STATUSES.web_search),
  query: z.string().nullish(),
  sources: z.array(z.string()).optional(),
});

/** One hit of a hosted file search, text cut to the §2.6 limit. */
export const FileSearchResultSchema = z.strictObject({
  file_id: z.string().min(1),
  filename: z.string().nullish(),
  score: z.number().nullish(),
  vector_store_id: z.string().nullish(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullish(),
  text: z.string().max(PUBLIC_SSE_LIMITS.fileSearchResultTextChars).nullish(),
});

/** Hosted file search, at most ten results (§2.6). */
export const FileSearchToolSchema = z.strictObject({
  tool_type: z.literal('file_search'),
  tool_call_id: toolCallId,
  status: z.enum(TOOL_STATUSES.file_search),
  queries: z.array(z.string()).optional(),
  results: z.array(FileSearchResultSchema).max(PUBLIC_SSE_LIMITS.fileSearchMaxResults).optional(),
});

/** Hosted code interpreter and the container it ran in. */
export const CodeInterpreterToolSchema = z.strictObject({
  tool_type: z.literal('code_interpreter'),
  tool_call_id: toolCallId,
  status: z.enum(TOOL_STATUSES.code_interpreter),
  container_id: z.string().nullish(),
  container_mode: z.enum(['auto', 'explicit']).nullish(),
});

/** Hosted image generation; the partial image bytes travel separately as `chunk.*` events. */
export const ImageGenerationToolSchema = z.strictObject({
  tool_type: z.literal('image_generation'),
  tool_call_id: toolCallId,
  status: z.enum(TOOL_STATUSES.image_generation),
  revised_prompt: z.string().nullish(),
  format: z.string().nullish(),
  size: z.string().nullish(),
  quality: z.string().nullish(),
  background: z.string().nullish(),
  partial_image_index: z.number().int().min(0).nullish(),
});

/** A function tool of the agent. */
export const FunctionToolSchema = z.strictObject({
  tool_type: z.literal('function'),
  tool_call_id: toolCallId,
  status: z.enum(TOOL_STATUSES.function),
  name: z.string().min(1),
  arguments_text: argumentsText.nullish(),
  arguments_json: argumentsJson.optional(),
  output: toolOutput.optional(),
});

/** A tool on a remote MCP server. */
export const McpToolSchema = z.strictObject({
  tool_type: z.literal('mcp'),
  tool_call_id: toolCallId,
  status: z.enum(TOOL_STATUSES.mcp),
  tool_name: z.string().min(1),
  server_label: z.string().nullish(),
  arguments_text: argumentsText.nullish(),
  arguments_json: argumentsJson.optional(),
  output: toolOutput.optional(),
});

/** Another agent called as a tool; its own events stream with a `scope`. */
export const AgentToolSchema = z.strictObject({
  tool_type: z.literal('agent'),
  tool_call_id: toolCallId,
  status: z.enum(TOOL_STATUSES.agent),
  name: z.string().min(1),
  agent: z.string().nullish(),
});

/** The `tool` of a `tool.status` event, discriminated by `tool_type`. */
export const ToolStateSchema = z.discriminatedUnion('tool_type', [
  WebSearchToolSchema,
  FileSearchToolSchema,
  CodeInterpreterToolSchema,
  ImageGenerationToolSchema,
  FunctionToolSchema,
  McpToolSchema,
  AgentToolSchema,
]);
export type ToolState = z.infer<typeof ToolStateSchema>;

/** Tool types whose calls have arguments and outputs the client sees (`tool.arguments.*`, `tool.output`). */
export const CallableToolTypeSchema = z.enum(['function', 'mcp', 'agent']);
export type CallableToolType = z.infer<typeof CallableToolTypeSchema>;

/** Sanitized arguments JSON: string values cut to the §2.6 limit. */
export const ToolArgumentsJsonSchema = argumentsJson;

/** Sanitized tool output: string values cut to the §2.6 limit. */
export const ToolOutputSchema = toolOutput;
