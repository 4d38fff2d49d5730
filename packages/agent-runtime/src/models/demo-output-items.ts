import type { StreamEventResponseCompleted } from '@openai/agents-core';
import type { ResponseOutputItem, ResponseUsage } from 'openai/resources/responses/responses';

type OutputItem = StreamEventResponseCompleted['response']['output'][number];

/**
 * Converts Responses-API output items to the SDK's protocol items, the same way the SDK's own
 * Responses model does for the item types the demo model produces.
 */
export function toAgentOutputItems(items: readonly ResponseOutputItem[]): OutputItem[] {
  return items.flatMap((item): OutputItem[] => {
    if (item.type === 'message') {
      const content = item.content.map((part) =>
        part.type === 'output_text'
          ? { type: 'output_text' as const, text: part.text, providerData: { annotations: part.annotations } }
          : { type: 'refusal' as const, refusal: part.refusal },
      );
      return [{ id: item.id, type: 'message', role: 'assistant', status: item.status, content }];
    }
    if (item.type === 'function_call') {
      return [
        {
          type: 'function_call',
          ...(item.id === undefined ? {} : { id: item.id }),
          callId: item.call_id,
          name: item.name,
          arguments: item.arguments,
          ...(item.status === undefined ? {} : { status: item.status }),
        },
      ];
    }
    if (item.type === 'reasoning') {
      const content = item.summary.map((summary) => ({ type: 'input_text' as const, text: summary.text }));
      return [{ id: item.id, type: 'reasoning', content }];
    }
    return [];
  });
}

/** Converts Responses-API usage to the SDK's usage data for one request. */
export function toUsageData(usage: ResponseUsage) {
  const counts = {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    totalTokens: usage.total_tokens,
    inputTokensDetails: { cached_tokens: usage.input_tokens_details.cached_tokens },
    outputTokensDetails: { reasoning_tokens: usage.output_tokens_details.reasoning_tokens },
  };
  return { requests: 1, ...counts, requestUsageEntries: [{ ...counts, endpoint: 'responses.create' }] };
}
