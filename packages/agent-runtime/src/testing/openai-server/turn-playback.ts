import type { ResponseOutputItem } from 'openai/resources/responses/responses';
import { openAiId } from './ids.js';
import { buildResponseObject, buildUsage, type WireResponse } from './response-object.js';
import type { NumberedEvent } from './sse-writer.js';
import type { ResponseTurn, ScriptedItemEvent, StreamErrorTurn } from './turn-types.js';

type RequestBody = Readonly<Record<string, unknown>>;

/** The events the server frames a turn's items with, shaped per the API reference. */
type ResponseLevelEvent =
  | {
      readonly type: 'response.created' | 'response.in_progress' | 'response.completed';
      readonly response: WireResponse;
    }
  | {
      readonly type: 'error';
      readonly code: string | null;
      readonly message: string;
      readonly param: string | null;
    };

/** The complete response object a turn stands for (the `stream: false` answer). */
export function completedResponse(turn: ResponseTurn, request: RequestBody): WireResponse {
  const output = turn.items.map((scripted) => scripted.item);
  return buildResponseObject({
    id: turn.options.responseId ?? openAiId('resp'),
    createdAt: nowSeconds(),
    request,
    model: turn.options.model,
    status: 'completed',
    output,
    usage: buildUsage(turn.options.usage, request, output),
  });
}

/**
 * The SSE events of a turn, numbered from 0: `response.created`, `response.in_progress`, each item's
 * events, then `response.completed` (or the `error` event for a stream error turn).
 */
export function turnEvents(turn: ResponseTurn | StreamErrorTurn, request: RequestBody): NumberedEvent[] {
  const id = turn.options.responseId ?? openAiId('resp');
  const createdAt = nowSeconds();
  const snapshot = (status: 'in_progress' | 'completed', output: readonly ResponseOutputItem[]) =>
    buildResponseObject({
      id,
      createdAt,
      request,
      model: turn.options.model,
      status,
      output,
      usage: status === 'completed' ? buildUsage(turn.options.usage, request, output) : null,
    });
  const bodies: Array<ScriptedItemEvent | ResponseLevelEvent> = [
    { type: 'response.created', response: snapshot('in_progress', []) },
    { type: 'response.in_progress', response: snapshot('in_progress', []) },
    ...turn.items.flatMap((scripted, outputIndex) => scripted.events(outputIndex)),
  ];
  if (turn.kind === 'response') {
    const output = turn.items.map((scripted) => scripted.item);
    bodies.push({ type: 'response.completed', response: snapshot('completed', output) });
  } else {
    bodies.push({ type: 'error', code: turn.code, message: turn.message, param: turn.param });
  }
  return bodies.map((body, sequence) => ({ ...body, sequence_number: sequence }));
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
