import type { MemoryCheckpoint } from '@starter/contracts';

/** A raw Responses API stream event (`response.output_text.delta`, `error`, …), kept as plain JSON. */
export interface RawResponseEvent {
  readonly type: string;
  readonly sequence_number?: number | undefined;
  readonly [field: string]: unknown;
}

/** What kind of run item the SDK reported, reduced to what the projector branches on. */
export type RunItemKind =
  | 'message'
  | 'tool_call'
  | 'tool_output'
  | 'tool_approval'
  | 'handoff_call'
  | 'handoff_output'
  | 'reasoning'
  | 'other';

/** An SDK run item without its class: the call id, tool name, output and raw item type. */
export interface NormalizedRunItem {
  readonly kind: RunItemKind;
  /** Raw item `type` (`function_call`, `hosted_tool_call`, `function_call_result`, …). */
  readonly rawType: string | null;
  readonly callId: string | null;
  readonly name: string | null;
  readonly output: unknown;
  readonly status: string | null;
  readonly agent: string | null;
}

/** Where an error came from: the model provider or this service. */
export type StreamErrorSource = 'provider' | 'server';

/**
 * The runtime's own, SDK-independent view of one agent stream event. The projector consumes only this,
 * so an SDK upgrade touches the normalizer alone. `memory_compaction`, `guardrail_result`, `error` and
 * `tool_approval_decision` are emitted by the runtime itself (memory strategies, guardrails, route
 * failures, approval resumes), never by the SDK stream.
 */
export type AgentStreamEvent =
  | { readonly type: 'raw_response'; readonly event: RawResponseEvent }
  | { readonly type: 'run_item'; readonly name: string; readonly item: NormalizedRunItem }
  | { readonly type: 'agent_updated'; readonly agent: string }
  | { readonly type: 'memory_compaction'; readonly checkpoint: MemoryCheckpoint }
  | {
      readonly type: 'guardrail_result';
      readonly guardrail: string;
      readonly stage: string;
      readonly tripwireTriggered: boolean;
    }
  | {
      readonly type: 'tool_approval_decision';
      readonly toolCallId: string;
      readonly approved: boolean;
      readonly reason?: string | null | undefined;
    }
  | {
      readonly type: 'error';
      readonly source: StreamErrorSource;
      readonly message: string;
      readonly code?: string | null | undefined;
    };
