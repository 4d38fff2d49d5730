import type { ChunkSpec } from './chunk-text.js';
import { type FunctionCallSpec, functionCallItem } from './function-call-item.js';
import { messageItem, refusalItem } from './message-item.js';
import { reasoningItem } from './reasoning-item.js';
import type {
  HttpErrorTurn,
  ResponseTurn,
  ScriptedItem,
  StreamErrorTurn,
  TurnOptions,
} from './turn-types.js';

/** Text turns can also choose how the text is cut into deltas. */
export interface TextTurnOptions extends TurnOptions {
  readonly chunks?: ChunkSpec | undefined;
}

/** A response made of the given items, in order (compose item builders for mixed turns). */
export function responseTurn(items: readonly ScriptedItem[], options: TurnOptions = {}): ResponseTurn {
  return { kind: 'response', items, options };
}

/** The model answers with an assistant message whose text streams as `response.output_text.delta` chunks. */
export function textTurn(text: string, options: TextTurnOptions = {}): ResponseTurn {
  return responseTurn([messageItem(text, { chunks: options.chunks })], options);
}

/** The model calls one or more function tools (several calls = parallel tool calls in one response). */
export function functionCallTurn(
  calls: FunctionCallSpec | readonly FunctionCallSpec[],
  options: TurnOptions = {},
): ResponseTurn {
  const list: readonly FunctionCallSpec[] = Array.isArray(calls) ? calls : [calls as FunctionCallSpec];
  return responseTurn(list.map(functionCallItem), options);
}

/** A reasoning item with summary parts, then (optionally) an assistant message. */
export function reasoningTurn(
  spec: {
    readonly summary: readonly string[];
    readonly answer?: string | undefined;
    readonly encryptedContent?: string | undefined;
    readonly chunks?: ChunkSpec | undefined;
  },
  options: TurnOptions = {},
): ResponseTurn {
  const reasoning = reasoningItem(spec.summary, {
    chunks: spec.chunks,
    encryptedContent: spec.encryptedContent,
  });
  const items = spec.answer === undefined ? [reasoning] : [reasoning, messageItem(spec.answer)];
  return responseTurn(items, options);
}

/** The model refuses: a message whose only content part is a `refusal`. */
export function refusalTurn(refusal: string, options: TextTurnOptions = {}): ResponseTurn {
  return responseTurn([refusalItem(refusal, { chunks: options.chunks })], options);
}

/** JSON text output, as the model produces for `text.format: { type: "json_schema" }`. */
export function structuredOutputTurn(value: unknown, options: TextTurnOptions = {}): ResponseTurn {
  return responseTurn([messageItem(JSON.stringify(value), { chunks: options.chunks })], options);
}

/**
 * The stream breaks with the SSE `error` event (`{ type: "error", code, message, param }`) after the
 * `before` items. Without streaming the server answers 500 with the same error instead.
 */
export function errorTurn(
  spec: {
    readonly code?: string | null | undefined;
    readonly message: string;
    readonly param?: string | null | undefined;
    readonly before?: readonly ScriptedItem[] | undefined;
  },
  options: TurnOptions = {},
): StreamErrorTurn {
  return {
    kind: 'stream_error',
    items: spec.before ?? [],
    code: spec.code ?? null,
    message: spec.message,
    param: spec.param ?? null,
    options,
  };
}

/**
 * A non-2xx JSON answer, as the API sends it (`{ error: { message, type, param, code } }` unless `body`
 * is given). Add `retry-after`/`retry-after-ms`/`x-should-retry` through `headers` to drive retries.
 */
export function httpErrorTurn(
  status: number,
  body?: unknown,
  options: { readonly headers?: Readonly<Record<string, string>> | undefined } = {},
): HttpErrorTurn {
  return {
    kind: 'http_error',
    status,
    body: body ?? { error: defaultHttpError(status) },
    headers: options.headers ?? {},
  };
}

function defaultHttpError(status: number) {
  if (status === 429) {
    return {
      message: 'Rate limit reached for requests. Please try again later.',
      type: 'requests',
      param: null,
      code: 'rate_limit_exceeded',
    };
  }
  if (status === 401) {
    return {
      message: 'Incorrect API key provided.',
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    };
  }
  if (status >= 500) {
    return {
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      param: null,
      code: null,
    };
  }
  return {
    message: `Request failed with status ${status}.`,
    type: 'invalid_request_error',
    param: null,
    code: null,
  };
}
