import type { ResponseOutputItem } from 'openai/resources/responses/responses';
import { type ChunkSpec, chunkText } from './chunk-text.js';
import { openAiId } from './ids.js';
import type { ScriptedItem, ScriptedItemEvent } from './turn-types.js';

/** A tool a hosted MCP server advertises in `mcp_list_tools`. */
export type McpListedTool = ResponseOutputItem.McpListTools.Tool;

/** An `mcp_list_tools` item: `response.mcp_list_tools.in_progress` → `.completed`. */
export function mcpListToolsItem(spec: {
  readonly serverLabel: string;
  readonly tools: readonly McpListedTool[];
  readonly id?: string | undefined;
}): ScriptedItem {
  const id = spec.id ?? openAiId('mcpl');
  const item: ResponseOutputItem.McpListTools = {
    id,
    type: 'mcp_list_tools',
    server_label: spec.serverLabel,
    tools: [...spec.tools],
    error: null,
  };
  return {
    item,
    events: (outputIndex) => {
      const at = { item_id: id, output_index: outputIndex };
      return [
        {
          type: 'response.output_item.added',
          output_index: outputIndex,
          item: { ...item, tools: [] },
        },
        { type: 'response.mcp_list_tools.in_progress', ...at },
        { type: 'response.mcp_list_tools.completed', ...at },
        { type: 'response.output_item.done', output_index: outputIndex, item },
      ];
    },
  };
}

/** A hosted MCP tool call the API ran: arguments stream, then the server's output. */
export interface McpCallSpec {
  readonly serverLabel: string;
  readonly name: string;
  readonly arguments: string | Readonly<Record<string, unknown>>;
  readonly output: string;
  readonly approvalRequestId?: string | undefined;
  readonly chunks?: ChunkSpec | undefined;
  readonly id?: string | undefined;
}

/** An `mcp_call` item: in_progress → `response.mcp_call_arguments.delta`/`.done` → `response.mcp_call.completed`. */
export function mcpCallItem(spec: McpCallSpec): ScriptedItem {
  const id = spec.id ?? openAiId('mcp');
  const args = typeof spec.arguments === 'string' ? spec.arguments : JSON.stringify(spec.arguments);
  const item: ResponseOutputItem.McpCall = {
    id,
    type: 'mcp_call',
    status: 'completed',
    server_label: spec.serverLabel,
    name: spec.name,
    arguments: args,
    output: spec.output,
    error: null,
    approval_request_id: spec.approvalRequestId ?? null,
  };
  return {
    item,
    events: (outputIndex) => {
      const at = { item_id: id, output_index: outputIndex };
      return [
        {
          type: 'response.output_item.added',
          output_index: outputIndex,
          item: { ...item, status: 'in_progress', arguments: '', output: null },
        },
        { type: 'response.mcp_call.in_progress', ...at },
        ...chunkText(args, spec.chunks, 8).map(
          (delta): ScriptedItemEvent => ({ type: 'response.mcp_call_arguments.delta', ...at, delta }),
        ),
        { type: 'response.mcp_call_arguments.done', ...at, arguments: args },
        { type: 'response.mcp_call.completed', ...at },
        { type: 'response.output_item.done', output_index: outputIndex, item },
      ];
    },
  };
}

/** An `mcp_approval_request` item: the API asks the caller to approve a hosted MCP call. */
export function mcpApprovalRequestItem(spec: {
  readonly serverLabel: string;
  readonly name: string;
  readonly arguments: string | Readonly<Record<string, unknown>>;
  readonly id?: string | undefined;
}): ScriptedItem {
  const item: ResponseOutputItem.McpApprovalRequest = {
    id: spec.id ?? openAiId('mcpr'),
    type: 'mcp_approval_request',
    server_label: spec.serverLabel,
    name: spec.name,
    arguments: typeof spec.arguments === 'string' ? spec.arguments : JSON.stringify(spec.arguments),
  };
  return {
    item,
    events: (outputIndex) => [
      { type: 'response.output_item.added', output_index: outputIndex, item },
      { type: 'response.output_item.done', output_index: outputIndex, item },
    ],
  };
}
