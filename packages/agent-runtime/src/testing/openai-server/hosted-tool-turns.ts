import { type CodeInterpreterOutput, codeInterpreterItem } from './code-interpreter-item.js';
import { type FileSearchResult, fileSearchItem } from './file-search-item.js';
import { type ImageGenerationSettings, imageGenerationItem } from './image-generation-item.js';
import {
  type McpCallSpec,
  type McpListedTool,
  mcpApprovalRequestItem,
  mcpCallItem,
  mcpListToolsItem,
} from './mcp-items.js';
import { type MessageAnnotation, messageItem } from './message-item.js';
import type { ResponseTurn, ScriptedItem, TurnOptions } from './turn-types.js';
import { responseTurn } from './turns.js';
import { webSearchItem } from './web-search-item.js';

/** A web page the search found; the answer cites it over `[startIndex, endIndex)` (default: all of it). */
export interface WebSearchSource {
  readonly url: string;
  readonly title: string;
  readonly startIndex?: number | undefined;
  readonly endIndex?: number | undefined;
}

/** A container file the code wrote; the answer cites it over `[startIndex, endIndex)` (default: all of it). */
export interface ContainerFileSpec {
  readonly fileId: string;
  readonly filename: string;
  readonly startIndex?: number | undefined;
  readonly endIndex?: number | undefined;
}

/** A hosted web search, then an answer citing each source with a `url_citation`. */
export function webSearchTurn(
  spec: { readonly query: string; readonly sources: readonly WebSearchSource[]; readonly answer: string },
  options: TurnOptions = {},
): ResponseTurn {
  const annotations = spec.sources.map(
    (source): MessageAnnotation => ({
      type: 'url_citation',
      url: source.url,
      title: source.title,
      start_index: source.startIndex ?? 0,
      end_index: source.endIndex ?? spec.answer.length,
    }),
  );
  return responseTurn(
    [
      webSearchItem({ query: spec.query, sources: spec.sources.map((source) => source.url) }),
      messageItem(spec.answer, { annotations }),
    ],
    options,
  );
}

/** A hosted file search with its results, then an answer citing each result's file with a `file_citation`. */
export function fileSearchTurn(
  spec: {
    readonly queries: readonly string[];
    readonly results: readonly FileSearchResult[];
    readonly answer: string;
  },
  options: TurnOptions = {},
): ResponseTurn {
  const cited = new Map<string, string>();
  for (const result of spec.results) {
    if (result.file_id !== undefined) cited.set(result.file_id, result.filename ?? '');
  }
  const annotations = [...cited].map(
    ([fileId, filename]): MessageAnnotation => ({
      type: 'file_citation',
      file_id: fileId,
      filename,
      index: spec.answer.length,
    }),
  );
  return responseTurn([fileSearchItem(spec), messageItem(spec.answer, { annotations })], options);
}

/** Hosted code interpreter runs `code`, then an answer citing the files it wrote (`container_file_citation`). */
export function codeInterpreterTurn(
  spec: {
    readonly code: string;
    readonly containerId: string;
    readonly outputs?: readonly CodeInterpreterOutput[] | undefined;
    readonly files?: readonly ContainerFileSpec[] | undefined;
    readonly answer: string;
  },
  options: TurnOptions = {},
): ResponseTurn {
  const annotations = (spec.files ?? []).map(
    (file): MessageAnnotation => ({
      type: 'container_file_citation',
      container_id: spec.containerId,
      file_id: file.fileId,
      filename: file.filename,
      start_index: file.startIndex ?? 0,
      end_index: file.endIndex ?? spec.answer.length,
    }),
  );
  return responseTurn(
    [
      codeInterpreterItem({ code: spec.code, containerId: spec.containerId, outputs: spec.outputs }),
      messageItem(spec.answer, { annotations }),
    ],
    options,
  );
}

/** Hosted image generation streaming base64 partial images, then the final image, then an optional answer. */
export function imageGenerationTurn(
  spec: ImageGenerationSettings & {
    readonly partials: readonly string[];
    readonly result: string;
    readonly answer?: string | undefined;
  },
  options: TurnOptions = {},
): ResponseTurn {
  return responseTurn(withAnswer([imageGenerationItem(spec)], spec.answer), options);
}

/** The API lists a hosted MCP server's tools (`mcp_list_tools`), then an optional answer. */
export function mcpListToolsTurn(
  spec: {
    readonly serverLabel: string;
    readonly tools: readonly McpListedTool[];
    readonly answer?: string | undefined;
  },
  options: TurnOptions = {},
): ResponseTurn {
  return responseTurn(withAnswer([mcpListToolsItem(spec)], spec.answer), options);
}

/** The API calls a hosted MCP tool (`mcp_call`), then an optional answer. */
export function mcpCallTurn(
  spec: McpCallSpec & { readonly answer?: string | undefined },
  options: TurnOptions = {},
): ResponseTurn {
  return responseTurn(withAnswer([mcpCallItem(spec)], spec.answer), options);
}

/** The API asks for approval of a hosted MCP call (`mcp_approval_request`); the response ends there. */
export function mcpApprovalRequestTurn(
  spec: {
    readonly serverLabel: string;
    readonly name: string;
    readonly arguments: string | Readonly<Record<string, unknown>>;
    readonly id?: string | undefined;
  },
  options: TurnOptions = {},
): ResponseTurn {
  return responseTurn([mcpApprovalRequestItem(spec)], options);
}

function withAnswer(items: ScriptedItem[], answer: string | undefined): ScriptedItem[] {
  return answer === undefined ? items : [...items, messageItem(answer)];
}
