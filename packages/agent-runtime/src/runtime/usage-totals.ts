import type { TokenUsage } from '@starter/contracts';
import type { ModelUsageReport } from './model-usage.js';

/** Running token totals of one run (all responses, nested agent-tool runs included). */
export interface UsageTotals {
  add(report: ModelUsageReport): void;
  /** Null until a response reported usage. */
  snapshot(): TokenUsage | null;
}

/** Creates an empty {@link UsageTotals}. */
export function createUsageTotals(): UsageTotals {
  let seen = false;
  const sum = { requests: 0, input: 0, output: 0, cached: 0, reasoning: 0 };
  return {
    add(report) {
      seen = true;
      sum.requests += report.requests;
      sum.input += report.inputTokens;
      sum.output += report.outputTokens;
      sum.cached += report.cachedTokens;
      sum.reasoning += report.reasoningTokens;
    },
    snapshot() {
      if (!seen) return null;
      return {
        input_tokens: sum.input,
        output_tokens: sum.output,
        total_tokens: sum.input + sum.output,
        cached_input_tokens: sum.cached,
        reasoning_output_tokens: sum.reasoning,
        requests: sum.requests,
      };
    },
  };
}
