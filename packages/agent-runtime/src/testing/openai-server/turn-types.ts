import type {
  ResponseOutputItem,
  ResponseStreamEvent,
  ResponseUsage,
} from 'openai/resources/responses/responses';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Event types the server emits itself around a turn's items (they carry the whole response). */
type ResponseLevelEventType =
  | 'response.created'
  | 'response.in_progress'
  | 'response.queued'
  | 'response.completed'
  | 'response.failed'
  | 'response.incomplete'
  | 'error';

/** One item-level stream event, typed by the official SDK, before the server stamps `sequence_number`. */
export type ScriptedItemEvent = DistributiveOmit<
  Exclude<ResponseStreamEvent, { type: ResponseLevelEventType }>,
  'sequence_number'
>;

/** One output item of a scripted response: the final item plus the events that stream it. */
export interface ScriptedItem {
  readonly item: ResponseOutputItem;
  /** The item's stream events (`response.output_item.added` … `response.output_item.done`). */
  readonly events: (outputIndex: number) => ScriptedItemEvent[];
}

/** Token counts a turn reports; omitted numbers are derived from the output. */
export interface UsageSpec {
  readonly inputTokens?: number | undefined;
  readonly outputTokens?: number | undefined;
  readonly cachedTokens?: number | undefined;
  readonly reasoningTokens?: number | undefined;
}

/** Pacing of a streamed turn, for abort, resume and stall tests. */
export interface StreamTimingOptions {
  /** Wait this long before each SSE event (or before the JSON body when not streaming). */
  readonly delayMs?: number | undefined;
  /**
   * Stop sending and keep the connection open: after this many events (a number), or after the first
   * event of this type (a string). Without streaming, any value means the JSON body never comes.
   */
  readonly hangAfter?: number | string | undefined;
}

/** Options shared by every turn that answers with a response object. */
export interface TurnOptions extends StreamTimingOptions {
  readonly model?: string | undefined;
  readonly usage?: UsageSpec | undefined;
  readonly responseId?: string | undefined;
}

/** A scripted successful response: its items stream in order, then `response.completed`. */
export interface ResponseTurn {
  readonly kind: 'response';
  readonly items: readonly ScriptedItem[];
  readonly options: TurnOptions;
}

/** A stream that breaks with the SSE `error` event after the given items. */
export interface StreamErrorTurn {
  readonly kind: 'stream_error';
  readonly items: readonly ScriptedItem[];
  readonly code: string | null;
  readonly message: string;
  readonly param: string | null;
  readonly options: TurnOptions;
}

/** A non-2xx HTTP answer with a JSON body, as the API returns before any streaming starts. */
export interface HttpErrorTurn {
  readonly kind: 'http_error';
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

/** Whatever the server answers to one `POST /v1/responses`. */
export type OpenAiTestTurn = ResponseTurn | StreamErrorTurn | HttpErrorTurn;

/** The usage object as OpenAI sends it. */
export type WireUsage = ResponseUsage;
