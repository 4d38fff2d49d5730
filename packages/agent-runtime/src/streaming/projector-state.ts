import type {
  EventScope,
  LifecycleStatus,
  PublicSseEventKind,
  PublicSseEventOf,
  StreamNotice,
  TokenUsage,
  ToolState,
  WorkflowContext,
} from '@starter/contracts';
import { PUBLIC_SSE_SCHEMA } from '@starter/contracts';
import type { CollectedArtifact } from './collected-artifacts.js';

/** The `event_id` source of one stream, shared by the root projector and its scoped children. */
export interface EventCounter {
  next(): number;
}

/** A counter starting at 1 (§2.2). */
export function createEventCounter(): EventCounter {
  let last = 0;
  return {
    next: () => {
      last += 1;
      return last;
    },
  };
}

type EnvelopeKey =
  | 'schema'
  | 'event_id'
  | 'stream_id'
  | 'server_timestamp'
  | 'conversation_id'
  | 'response_id'
  | 'agent'
  | 'workflow'
  | 'scope'
  | 'kind'
  | 'provider_sequence_number'
  | 'notices';

/**
 * The kind-specific fields of one event (everything the envelope does not stamp). Bodies are written
 * as object literals, never as `{ ...other, key }`: on Node 20 (V8 11.3) a spread followed by a key the
 * spread object lacks takes a slow runtime path, ~0.6 µs against ~20 ns for the literal, and some
 * bodies are built per token (reasoning and refusal deltas, image chunks, code deltas).
 */
export type EventBody<K extends PublicSseEventKind> = Omit<PublicSseEventOf<K>, EnvelopeKey>;

/** Envelope extras taken from the raw provider event or the sanitizer. */
export interface EmitExtras {
  readonly providerSequence?: number | undefined;
  readonly notices?: readonly StreamNotice[] | undefined;
}

/** Where an output item sits in the client's transcript. */
export interface ItemPosition {
  readonly itemId: string;
  readonly outputIndex: number;
  readonly itemType: string;
}

/** Projection state of one tool call (function, agent, MCP or hosted). */
export interface ToolCallState {
  readonly position: ItemPosition;
  tool: ToolState;
  /** JSON of the last emitted `tool.status`, to drop exact repeats. */
  lastEmitted: string | null;
  argumentsBuffer: string;
  argumentsEmitted: boolean;
  /** `output_item.done` held back until the tool's result is out (function/agent tools run after it). */
  pendingItemDone: EventBody<'output_item.done'> | null;
  finished: boolean;
}

/** Everything one projector remembers about its stream. */
export interface ProjectorState {
  responseId: string | null;
  agent: string | null;
  handoffIndex: number;
  nextOutputIndex: number;
  items: Map<string, ItemPosition>;
  hiddenItems: Set<string>;
  /** Tool calls by provider item id; `callIds` maps SDK call ids to the same states. */
  tools: Map<string, ToolCallState>;
  callIds: Map<string, ToolCallState>;
  lastWebSearch: ToolCallState | null;
  messageText: Map<string, string>;
  lastMessageText: string | null;
  refusalText: string;
  reasoningParts: Map<string, string>;
  reasoningTexts: string[];
  lastLifecycle: LifecycleStatus | null;
  usage: TokenUsage | null;
  /** Generated images and cited container files, keyed by call or container/file id. */
  artifacts: Map<string, CollectedArtifact>;
  terminated: boolean;
}

/** A fresh state. */
export function createProjectorState(agent: string | null): ProjectorState {
  return {
    responseId: null,
    agent,
    handoffIndex: 0,
    nextOutputIndex: 0,
    items: new Map(),
    hiddenItems: new Set(),
    tools: new Map(),
    callIds: new Map(),
    lastWebSearch: null,
    messageText: new Map(),
    lastMessageText: null,
    refusalText: '',
    reasoningParts: new Map(),
    reasoningTexts: [],
    lastLifecycle: null,
    usage: null,
    artifacts: new Map(),
    terminated: false,
  };
}

/** The tool call a {@link ToolFailureCheck} is asked about. */
export interface ToolFailureSubject {
  readonly toolCallId: string;
  readonly toolName: string;
  readonly toolType: 'function' | 'agent' | 'mcp';
}

/** Tells whether a tool output reports a failure (the SDK turns a throwing tool into an output string). */
export type ToolFailureCheck = (output: unknown, call: ToolFailureSubject) => boolean;

/** What every handler gets: the state, the stream options and an `emit` that stamps the envelope. */
export interface ProjectionContext {
  readonly state: ProjectorState;
  readonly options: {
    readonly conversationId: string;
    readonly agentToolAgents: ReadonlyMap<string, string | null>;
    readonly isHandoffTool: (name: string) => boolean;
    readonly containerFileUrl: (containerId: string, fileId: string, filename: string | null) => string;
    readonly isToolFailure: ToolFailureCheck;
    readonly onInvalidAttachment: (attachment: unknown, problem: string) => void;
  };
  emit<K extends PublicSseEventKind>(kind: K, body: EventBody<K>, extras?: EmitExtras): void;
  /** `emit` for the per-token kinds (see `stampDelta`); `index` is the content or summary index. */
  emitDelta(
    kind: DeltaKind,
    position: ItemPosition,
    index: number,
    delta: string,
    providerSequence: number | undefined,
  ): void;
}

/** Settings of the envelope builder. */
export interface EnvelopeSettings {
  readonly streamId: string;
  readonly conversationId: string;
  readonly clock: () => Date;
  /** Formats the current time; when set it replaces `clock().toISOString()` (the cached default clock). */
  readonly timestamp?: (() => string) | undefined;
  readonly counter: EventCounter;
  /** The workflow coordinates of the current step (§2.2), read per frame: a workflow moves between steps. */
  readonly workflow: () => WorkflowContext | null;
  readonly scope?: EventScope | undefined;
  /** Scoped children stamp the parent's response id and agent (§2.5); the root uses its own state. */
  readonly envelopeOwner?: (() => { responseId: string | null; agent: string | null }) | undefined;
}

let lastMillis = Number.NaN;
let lastIso = '';
let lastMinute = Number.NaN;
/** `YYYY-MM-DDTHH:MM:` of `lastMinute`. */
let minutePrefix = '';

/**
 * `new Date(millis).toISOString()` for whole milliseconds since 1970, formatted from the minute's cached
 * prefix: `toISOString` costs ~1 µs on Node 20 and 24, and a stream paced by a real model stamps nearly
 * every frame in a millisecond of its own; appending the seconds and milliseconds costs ~65 ns.
 */
export function formatIsoTimestamp(millis: number): string {
  const minute = Math.floor(millis / 60_000);
  if (minute !== lastMinute) {
    lastMinute = minute;
    minutePrefix = new Date(minute * 60_000).toISOString().slice(0, 17);
  }
  const inMinute = millis - minute * 60_000;
  const seconds = Math.floor(inMinute / 1000);
  const ms = inMinute - seconds * 1000;
  return `${minutePrefix}${seconds < 10 ? '0' : ''}${seconds}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
}

/**
 * The current time in ISO form, formatted once per millisecond: the default clock of a projector. Frames
 * stamped within the same millisecond share one string.
 */
export function defaultTimestamp(): string {
  const now = Date.now();
  if (now !== lastMillis) {
    lastMillis = now;
    lastIso = formatIsoTimestamp(now);
  }
  return lastIso;
}

const NO_EXTRAS: EmitExtras = {};

// The §2.2 envelope of the next event, without its body: fixed fields, then the optional ones.
function envelope(
  settings: EnvelopeSettings,
  state: ProjectorState,
  kind: PublicSseEventKind,
  providerSequence: number | undefined,
  notices: readonly StreamNotice[] | undefined,
): Record<string, unknown> {
  const owner = settings.envelopeOwner === undefined ? state : settings.envelopeOwner();
  const workflow = settings.workflow();
  const event: Record<string, unknown> = {
    schema: PUBLIC_SSE_SCHEMA,
    event_id: settings.counter.next(),
    stream_id: settings.streamId,
    server_timestamp:
      settings.timestamp === undefined ? settings.clock().toISOString() : settings.timestamp(),
    kind,
    conversation_id: settings.conversationId,
    response_id: owner.responseId,
    agent: owner.agent,
  };
  // Chat frames leave `workflow` out (the chat goldens do); workflow frames carry it, terminal included.
  if (workflow) event.workflow = workflow;
  if (settings.scope && kind !== 'final' && kind !== 'error') event.scope = settings.scope;
  if (providerSequence !== undefined) event.provider_sequence_number = providerSequence;
  if (notices && notices.length > 0) event.notices = [...notices];
  return event;
}

/** Stamps the §2.2 envelope on an event body, taking the next `event_id`. */
export function stampEnvelope<K extends PublicSseEventKind>(
  settings: EnvelopeSettings,
  state: ProjectorState,
  kind: K,
  body: EventBody<K>,
  extras: EmitExtras = NO_EXTRAS,
): PublicSseEventOf<K> {
  const event = envelope(settings, state, kind, extras.providerSequence, extras.notices);
  return Object.assign(event, body) as unknown as PublicSseEventOf<K>;
}

/** The per-token kinds, stamped by {@link stampDelta}. */
export type DeltaKind = 'message.delta' | 'refusal.delta' | 'reasoning_summary.delta';

/**
 * {@link stampEnvelope} for the per-token kinds, the bulk of a stream: the body's fields are set one by
 * one on the envelope rather than copied from a body object (`Object.assign` onto a fresh object runs
 * ~1,000 instructions per frame on Node 20; these stores are a few each).
 */
export function stampDelta(
  settings: EnvelopeSettings,
  state: ProjectorState,
  kind: DeltaKind,
  position: ItemPosition,
  index: number,
  delta: string,
  providerSequence: number | undefined,
): PublicSseEventOf<DeltaKind> {
  const event = envelope(settings, state, kind, providerSequence, undefined);
  event.output_index = position.outputIndex;
  event.item_id = position.itemId;
  if (kind === 'reasoning_summary.delta') event.summary_index = index;
  else event.content_index = index;
  event.delta = delta;
  return event as unknown as PublicSseEventOf<DeltaKind>;
}
