// The offline demo model: what every agent runs on when no OPENAI_API_KEY is configured. It answers
// deterministically from the request, in the Responses API's streaming shapes, so streams, tool calls,
// handoffs, structured output, refusals, reasoning summaries and provider errors all work with no
// network. The phrases that trigger each behaviour are documented in ./README.md.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Model, ModelRequest, ModelResponse, StreamEvent } from '@openai/agents-core';
import { Usage } from '@openai/agents-core';
import { AppError } from '@starter/contracts';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { toAgentOutputItems, toUsageData } from './demo-output-items.js';
import { planDemoResponse } from './demo-plan.js';
import {
  buildDemoErrorEvents,
  buildDemoResponseEvents,
  type DemoResponseContext,
} from './demo-response-events.js';
import { createDemoIds, estimateTokens } from './demo-tokens.js';

/** The name the demo model reports in responses unless another is configured. */
export const DEMO_MODEL_NAME = 'starter-demo';

/** Options for {@link createDemoModel}. */
export interface DemoModelOptions {
  /** Name reported as the response's `model`. Defaults to {@link DEMO_MODEL_NAME}. */
  readonly modelName?: string;
  /** Pause between streamed deltas, so a demo looks like a live model. Defaults to 0. */
  readonly tokenDelayMs?: number;
  /** Mixed into response and item ids; the same seed and request always give the same ids. */
  readonly seed?: string;
  /** The model an agent asked for (e.g. `gpt-5.1`), kept so catalogs can show what it stands in for. */
  readonly requestedModelName?: string;
}

/** The demo model: an SDK `Model` that says what it is and what it stands in for. */
export interface DemoModel extends Model {
  readonly isDemoModel: true;
  readonly name: string;
  readonly requestedModelName: string | undefined;
  /** Human-readable description, e.g. `demo model (requested: gpt-5.1)`. */
  readonly label: string;
}

// The public stream projector treats raw events from this source as Responses API events.
const RAW_EVENT_PROVIDER_DATA = { rawModelEventSource: 'openai-responses' } as const;
const DELTA_EVENT_TYPES: ReadonlySet<string> = new Set([
  'response.output_text.delta',
  'response.refusal.delta',
  'response.reasoning_summary_text.delta',
  'response.function_call_arguments.delta',
]);

/** Creates the deterministic offline demo model. */
export function createDemoModel(options: DemoModelOptions = {}): DemoModel {
  const name = options.modelName ?? DEMO_MODEL_NAME;
  const tokenDelayMs = options.tokenDelayMs ?? 0;
  if (!Number.isFinite(tokenDelayMs) || tokenDelayMs < 0) {
    throw new RangeError(`tokenDelayMs must be a non-negative number, got ${tokenDelayMs}`);
  }
  const requestedModelName = options.requestedModelName;
  const metadata: Record<string, string> = { demo_model: 'true' };
  if (requestedModelName !== undefined) metadata.requested_model = requestedModelName;

  const context = (request: ModelRequest): DemoResponseContext => ({
    ids: createDemoIds(
      JSON.stringify([
        options.seed ?? '',
        name,
        request.systemInstructions ?? '',
        request.input,
        request.tools.map((tool) => tool.name),
        request.handoffs.map((handoff) => handoff.toolName),
        request.outputType,
      ]),
    ),
    modelName: name,
    inputTokens:
      estimateTokens(request.systemInstructions ?? '') + estimateTokens(JSON.stringify(request.input)),
    metadata,
  });

  const buildEvents = (request: ModelRequest): readonly ResponseStreamEvent[] => {
    const plan = planDemoResponse(request);
    return plan.kind === 'error'
      ? buildDemoErrorEvents(plan, context(request))
      : buildDemoResponseEvents(plan.parts, context(request)).events;
  };

  return {
    isDemoModel: true,
    name,
    requestedModelName,
    label: requestedModelName === undefined ? 'demo model' : `demo model (requested: ${requestedModelName})`,

    async getResponse(request: ModelRequest): Promise<ModelResponse> {
      request.signal?.throwIfAborted();
      const plan = planDemoResponse(request);
      if (plan.kind === 'error') throw demoError(plan.message, plan.code);
      const { response } = buildDemoResponseEvents(plan.parts, context(request));
      const usage = response.usage ? new Usage(toUsageData(response.usage)) : new Usage();
      return {
        usage,
        output: toAgentOutputItems(response.output),
        responseId: response.id,
        providerData: { ...response },
      };
    },

    async *getStreamedResponse(request: ModelRequest): AsyncIterable<StreamEvent> {
      for (const event of buildEvents(request)) {
        request.signal?.throwIfAborted();
        yield* toStreamEvents(event);
        if (event.type === 'error') throw demoError(event.message, event.code ?? 'demo_error');
        if (tokenDelayMs > 0 && DELTA_EVENT_TYPES.has(event.type)) {
          await sleep(tokenDelayMs, undefined, request.signal ? { signal: request.signal } : undefined);
        }
      }
    },
  };
}

/** True for a model made by {@link createDemoModel}, or for the demo model's name. */
export function isDemoModel(model: unknown): model is DemoModel | typeof DEMO_MODEL_NAME {
  if (model === DEMO_MODEL_NAME) return true;
  return (
    typeof model === 'object' && model !== null && (model as { isDemoModel?: unknown }).isDemoModel === true
  );
}

// Mirrors how the SDK's Responses model maps provider events: the SDK-level event first, then the raw one.
function toStreamEvents(event: ResponseStreamEvent): StreamEvent[] {
  const raw: StreamEvent = { type: 'model', event, providerData: { ...RAW_EVENT_PROVIDER_DATA } };
  if (event.type === 'response.created') {
    return [{ type: 'response_started', providerData: { ...event } }, raw];
  }
  if (event.type === 'response.output_text.delta') {
    const { delta, ...rest } = event;
    return [{ type: 'output_text_delta', delta, itemId: event.item_id, providerData: rest }, raw];
  }
  if (event.type === 'response.completed') {
    const { response, ...restEvent } = event;
    const { id, output, usage, ...restResponse } = response;
    const done: StreamEvent = {
      type: 'response_done',
      response: {
        id,
        output: toAgentOutputItems(output),
        usage: usage ? toUsageData(usage) : { requests: 1, inputTokens: 0, outputTokens: 0, totalTokens: 0 },
        providerData: restResponse,
      },
      providerData: restEvent,
    };
    return [done, raw];
  }
  return [raw];
}

function demoError(message: string, providerCode: string): AppError {
  return new AppError('BadGateway', message, {
    details: { provider: DEMO_MODEL_NAME, provider_code: providerCode },
  });
}
