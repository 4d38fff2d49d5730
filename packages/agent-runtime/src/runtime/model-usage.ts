import type { Model, ModelProvider, ModelRequest, ModelResponse, StreamEvent } from '@openai/agents';

/** One model response's token usage (spec §8.4 counters are built from these). */
export interface ModelUsageReport {
  readonly runId: string;
  /** The model name the agent asked for (what prices are keyed by). */
  readonly model: string;
  readonly responseId: string | null;
  readonly requests: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedTokens: number;
  readonly reasoningTokens: number;
}

/** Receives every model response's usage, including those of nested agent-as-tool runs. */
export type ModelUsageListener = (report: ModelUsageReport) => void;

type UsageLike = ModelResponse['usage'];
type Details = UsageLike['inputTokensDetails'];

function detail(details: Details | undefined, key: string): number {
  if (details === undefined) return 0;
  const records = Array.isArray(details) ? details : [details];
  let total = 0;
  for (const record of records) total += record[key] ?? 0;
  return total;
}

/** The report of one response's usage (`requests` defaults to 1). */
export function reportOf(
  runId: string,
  model: string,
  usage: UsageLike,
  responseId: string | undefined,
): ModelUsageReport {
  return {
    runId,
    model,
    responseId: responseId ?? null,
    requests: usage.requests ?? 1,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cachedTokens: detail(usage.inputTokensDetails, 'cached_tokens'),
    reasoningTokens: detail(usage.outputTokensDetails, 'reasoning_tokens'),
  };
}

function meteredModel(inner: Model, runId: string, name: string, listener: ModelUsageListener): Model {
  return {
    ...(inner.supportsPromptModelSelection === undefined
      ? {}
      : { supportsPromptModelSelection: inner.supportsPromptModelSelection }),
    async getResponse(request: ModelRequest) {
      const response = await inner.getResponse(request);
      listener(reportOf(runId, name, response.usage, response.responseId));
      return response;
    },
    async *getStreamedResponse(request: ModelRequest): AsyncIterable<StreamEvent> {
      for await (const event of inner.getStreamedResponse(request)) {
        if (event.type === 'response_done')
          listener(reportOf(runId, name, event.response.usage as UsageLike, event.response.id));
        yield event;
      }
    },
    ...(inner.getRetryAdvice ? { getRetryAdvice: inner.getRetryAdvice.bind(inner) } : {}),
  };
}

/**
 * Wraps a model provider so each response's usage reaches `listener`. Created per run: nested
 * agent-as-tool runs inherit the parent's run config, so their responses are metered too.
 */
export function createMeteredModelProvider(
  inner: ModelProvider,
  runId: string,
  listener: ModelUsageListener,
): ModelProvider {
  return {
    async getModel(modelName?: string) {
      const model = await inner.getModel(modelName);
      return meteredModel(model, runId, modelName ?? 'default', listener);
    },
  };
}

/**
 * Like {@link createMeteredModelProvider}, but only non-streamed responses (`getResponse`) are metered:
 * streamed responses pass through untouched, for a caller that reads their `response_done` events from
 * the run's own stream (see `streamAgentRun`), so no extra async layer sits on every model event.
 */
export function createNonStreamedMeteredModelProvider(
  inner: ModelProvider,
  runId: string,
  listener: ModelUsageListener,
): ModelProvider {
  return {
    async getModel(modelName?: string) {
      const model = await inner.getModel(modelName);
      const name = modelName ?? 'default';
      return {
        ...(model.supportsPromptModelSelection === undefined
          ? {}
          : { supportsPromptModelSelection: model.supportsPromptModelSelection }),
        async getResponse(request: ModelRequest) {
          const response = await model.getResponse(request);
          listener(reportOf(runId, name, response.usage, response.responseId));
          return response;
        },
        getStreamedResponse: (request: ModelRequest) => model.getStreamedResponse(request),
        ...(model.getRetryAdvice ? { getRetryAdvice: model.getRetryAdvice.bind(model) } : {}),
      };
    },
  };
}
