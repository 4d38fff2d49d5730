import type { FileSearchResultSchema, ToolState } from '@starter/contracts';
import { PUBLIC_SSE_LIMITS } from '@starter/contracts';
import type { z } from 'zod';
import type { RawResponseEvent } from './agent-stream-event.js';
import { recordImage } from './collected-artifacts.js';
import { numberField, recordField, sequenceOf, stringField } from './output-items.js';
import type { ItemPosition, ProjectionContext, ToolCallState } from './projector-state.js';
import { chunkString, sanitizeJson, truncateText } from './sanitize-payload.js';
import { emitToolStatus, registerTool, setToolStatus } from './tool-status.js';

type Loose = Record<string, unknown>;
type FileSearchResult = z.infer<typeof FileSearchResultSchema>;

const HOSTED_TYPES: Readonly<Record<string, ToolState['tool_type']>> = {
  web_search_call: 'web_search',
  file_search_call: 'file_search',
  code_interpreter_call: 'code_interpreter',
  image_generation_call: 'image_generation',
};

/** True for output items of hosted tools (web/file search, code interpreter, image generation). */
export function isHostedToolItem(type: string): boolean {
  return type in HOSTED_TYPES;
}

/** Registers a hosted call; its first status comes from the provider's own `.in_progress` event. */
export function startHostedCall(ctx: ProjectionContext, position: ItemPosition, item: Loose): void {
  const toolType = HOSTED_TYPES[stringField(item, 'type') ?? ''];
  const id = position.itemId;
  if (toolType === 'code_interpreter') {
    const containerId = stringField(item, 'container_id');
    registerTool(
      ctx,
      position,
      { tool_type: toolType, tool_call_id: id, status: 'in_progress', container_id: containerId },
      null,
    );
  } else if (toolType) {
    registerTool(
      ctx,
      position,
      { tool_type: toolType, tool_call_id: id, status: 'in_progress' } as ToolState,
      null,
    );
  }
}

function fileSearchResults(item: Loose): {
  results: FileSearchResult[];
  notices: ReturnType<typeof sanitizeJson>['notices'];
} {
  const raw = Array.isArray(item.results) ? (item.results as unknown[]) : [];
  const notices: ReturnType<typeof sanitizeJson>['notices'] = [];
  if (raw.length > PUBLIC_SSE_LIMITS.fileSearchMaxResults) {
    notices.push({
      type: 'truncated',
      path: 'tool.results',
      message: `Kept ${PUBLIC_SSE_LIMITS.fileSearchMaxResults} of ${raw.length} results.`,
    });
  }
  const results = raw
    .slice(0, PUBLIC_SSE_LIMITS.fileSearchMaxResults)
    .map((entry, index): FileSearchResult => {
      const result = typeof entry === 'object' && entry !== null ? (entry as Loose) : {};
      const text = stringField(result, 'text');
      const attributes = sanitizeJson(
        result.attributes ?? {},
        PUBLIC_SSE_LIMITS.fileSearchResultTextChars,
        `tool.results[${index}].attributes`,
      );
      notices.push(...attributes.notices);
      return {
        file_id: stringField(result, 'file_id') ?? 'unknown',
        filename: stringField(result, 'filename'),
        score: numberField(result, 'score'),
        vector_store_id: stringField(result, 'vector_store_id'),
        attributes: attributes.value as FileSearchResult['attributes'],
        text:
          text === null
            ? null
            : truncateText(
                text,
                PUBLIC_SSE_LIMITS.fileSearchResultTextChars,
                `tool.results[${index}].text`,
                notices,
              ),
      };
    });
  return { results, notices };
}

/** Merges what the finished hosted item tells (query, sources, results) into its state. */
export function finishHostedCall(
  ctx: ProjectionContext,
  call: ToolCallState,
  item: Loose,
  event: RawResponseEvent,
): void {
  const { tool } = call;
  call.finished = true;
  if (tool.tool_type === 'web_search') {
    const action = recordField(item, 'action');
    const sources = Array.isArray(action.sources)
      ? (action.sources as unknown[]).flatMap((source) => {
          const url = typeof source === 'object' && source !== null ? (source as Loose).url : undefined;
          return typeof url === 'string' ? [url] : [];
        })
      : [];
    call.tool = {
      ...tool,
      status: 'completed',
      query: stringField(action, 'query') ?? tool.query ?? null,
      sources: [...new Set([...(tool.sources ?? []), ...sources])],
    };
    emitToolStatus(ctx, call, [], sequenceOf(event));
  } else if (tool.tool_type === 'file_search') {
    const { results, notices } = fileSearchResults(item);
    const queries = Array.isArray(item.queries)
      ? (item.queries as unknown[]).filter((q): q is string => typeof q === 'string')
      : [];
    call.tool = { ...tool, status: 'completed', queries, results };
    emitToolStatus(ctx, call, notices, sequenceOf(event));
  } else if (tool.tool_type === 'image_generation') {
    // A partial's index describes that partial only; the finished image no longer carries it.
    const { partial_image_index: _partial, ...rest } = tool;
    const revisedPrompt = stringField(item, 'revised_prompt');
    call.tool = { ...rest, status: 'completed', ...(revisedPrompt ? { revised_prompt: revisedPrompt } : {}) };
    // The image bytes never go on the stream whole: the runtime stores them and attaches the file.
    recordImage(ctx, tool.tool_call_id, {
      b64: stringField(item, 'result'),
      format: stringField(item, 'output_format') ?? tool.format ?? null,
      revisedPrompt,
    });
    emitToolStatus(ctx, call, [], sequenceOf(event));
  } else if (tool.tool_type === 'code_interpreter') {
    setToolStatus(ctx, call, 'completed', sequenceOf(event));
  }
}

const STATUS_SUFFIXES = ['in_progress', 'searching', 'interpreting', 'generating'] as const;

function emitImagePartial(ctx: ProjectionContext, call: ToolCallState, event: RawResponseEvent): void {
  if (call.tool.tool_type !== 'image_generation') return;
  const index = numberField(event, 'partial_image_index') ?? 0;
  call.tool = {
    ...call.tool,
    status: 'partial_image',
    partial_image_index: index,
    format: stringField(event, 'output_format') ?? call.tool.format ?? null,
    size: stringField(event, 'size') ?? call.tool.size ?? null,
    quality: stringField(event, 'quality') ?? call.tool.quality ?? null,
    background: stringField(event, 'background') ?? call.tool.background ?? null,
  };
  const seq = sequenceOf(event);
  const known = ctx.state.artifacts.get(`image:${call.tool.tool_call_id}`);
  recordImage(ctx, call.tool.tool_call_id, {
    partialCount: (known?.kind === 'image' ? known.partialCount : 0) + 1,
    format: call.tool.format ?? null,
  });
  emitToolStatus(ctx, call, [], seq);
  const target = {
    entity_kind: 'tool_call' as const,
    entity_id: call.tool.tool_call_id,
    field: 'partial_image_b64',
    part_index: index,
  };
  const pieces = chunkString(stringField(event, 'partial_image_b64') ?? '', PUBLIC_SSE_LIMITS.chunkDataChars);
  pieces.forEach((data, chunkIndex) => {
    ctx.emit(
      'chunk.delta',
      {
        output_index: call.position.outputIndex,
        item_id: call.position.itemId,
        target,
        encoding: 'base64',
        chunk_index: chunkIndex,
        data,
      },
      seq,
    );
  });
  ctx.emit(
    'chunk.done',
    { output_index: call.position.outputIndex, item_id: call.position.itemId, target },
    seq,
  );
}

/** Raw hosted-tool events: status changes, code deltas and image partials. */
export function projectHostedToolEvent(ctx: ProjectionContext, event: RawResponseEvent): boolean {
  const match =
    /^response\.(web_search_call|file_search_call|code_interpreter_call|code_interpreter_call_code|image_generation_call)\.(\w+)$/.exec(
      event.type,
    );
  if (!match) return false;
  const call = ctx.state.tools.get(stringField(event, 'item_id') ?? '');
  if (!call) return true;
  const [, family, step] = match;
  const seq = sequenceOf(event);
  const id = call.tool.tool_call_id;
  if (family === 'code_interpreter_call_code') {
    if (step === 'delta')
      ctx.emit(
        'tool.code.delta',
        {
          output_index: call.position.outputIndex,
          item_id: call.position.itemId,
          tool_call_id: id,
          delta: stringField(event, 'delta') ?? '',
        },
        seq,
      );
    if (step === 'done')
      ctx.emit(
        'tool.code.done',
        {
          output_index: call.position.outputIndex,
          item_id: call.position.itemId,
          tool_call_id: id,
          code: stringField(event, 'code') ?? '',
        },
        seq,
      );
  } else if (step === 'partial_image') {
    emitImagePartial(ctx, call, event);
  } else if (step === 'completed') {
    // The finished item follows with the query, sources or results: one `completed` then carries them all.
    return true;
  } else if (STATUS_SUFFIXES.some((suffix) => suffix === step) && step) {
    if (call.tool.tool_type === 'image_generation' && step !== 'partial_image') {
      // A partial's index describes that partial only; later statuses no longer carry it.
      const { partial_image_index: _dropped, ...rest } = call.tool;
      call.tool = rest;
    }
    setToolStatus(ctx, call, step, seq);
  }
  return true;
}
