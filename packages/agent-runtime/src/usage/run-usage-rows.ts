import type { ConversationId, TenantId, UserId } from '@starter/contracts';
import type { Insertable } from 'kysely';
import type { AgentRunUsageTable, UsageCostEntriesTable } from '../migrations/usage-tables.js';
import type { ModelUsageReport } from '../runtime/model-usage.js';
import type { ModelPriceTable } from './model-prices.js';
import { responseCostMicros } from './usage-cost.js';
import type { RunUsageInput } from './usage-store.js';

/** A token count as the database accepts it: a provider's odd value (NaN, negative, 1.5) never fails a run. */
const count = (value: number): number => (Number.isFinite(value) ? Math.max(0, Math.trunc(value)) : 0);

function normalized(report: ModelUsageReport): ModelUsageReport {
  return {
    ...report,
    requests: count(report.requests),
    inputTokens: count(report.inputTokens),
    outputTokens: count(report.outputTokens),
    cachedTokens: count(report.cachedTokens),
    reasoningTokens: count(report.reasoningTokens),
  };
}

/** The rows one run writes: its `agent_run_usage` row and one priced ledger row per response. */
export interface RunUsageRows {
  run: Insertable<AgentRunUsageTable>;
  costs: Insertable<UsageCostEntriesTable>[];
}

/** Builds the rows of a run, pricing each response with today's price table. */
export function runUsageRows(input: RunUsageInput, prices: ModelPriceTable): RunUsageRows {
  const responses = input.responses.map(normalized);
  const who = {
    tenant_id: input.tenantId as TenantId,
    user_id: input.userId as UserId | null,
    conversation_id: input.conversationId as ConversationId | null,
    agent_key: input.agentKey,
    run_id: input.runId,
  };
  const sum = (pick: (report: ModelUsageReport) => number) =>
    responses.reduce((total, report) => total + pick(report), 0);
  const input_tokens = sum((r) => r.inputTokens);
  const output_tokens = sum((r) => r.outputTokens);
  const run: Insertable<AgentRunUsageTable> = {
    ...who,
    requests: sum((r) => r.requests),
    input_tokens,
    output_tokens,
    total_tokens: input_tokens + output_tokens,
    cached_tokens: sum((r) => r.cachedTokens),
    reasoning_tokens: sum((r) => r.reasoningTokens),
    occurred_at: input.occurredAt,
  };
  const costs = responses.map((report, ordinal): Insertable<UsageCostEntriesTable> => {
    const price = prices.priceOf(report.model);
    return {
      ...who,
      ordinal,
      response_id: report.responseId,
      model: report.model,
      requests: report.requests,
      input_tokens: report.inputTokens,
      cached_tokens: report.cachedTokens,
      output_tokens: report.outputTokens,
      reasoning_tokens: report.reasoningTokens,
      priced: price.priced,
      input_price_per_1m: price.input,
      cached_input_price_per_1m: price.cachedInput,
      output_price_per_1m: price.output,
      currency: price.currency,
      cost_micros: responseCostMicros(report, price),
      occurred_at: input.occurredAt,
    };
  });
  return { run, costs };
}
