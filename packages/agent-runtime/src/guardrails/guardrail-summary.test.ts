import { describe, expect, it } from 'vitest';
import type { GuardrailResultEvent } from './guardrail-events.js';
import { createGuardrailSummary } from './guardrail-events.js';

function event(overrides: Partial<GuardrailResultEvent>): GuardrailResultEvent {
  return {
    type: 'guardrail_result',
    stage: 'input',
    key: 'moderation',
    name: 'Moderation',
    tripwire: false,
    suppressed: false,
    flagged: false,
    confidence: null,
    masked_content: null,
    token_usage: null,
    execution_failed: false,
    error: null,
    details: {},
    tool_name: null,
    tool_call_id: null,
    ...overrides,
  };
}

describe('createGuardrailSummary', () => {
  it('is empty, without token usage, before any event', () => {
    expect(createGuardrailSummary().summary()).toEqual({
      type: 'guardrail_summary',
      total: 0,
      triggered: 0,
      suppressed: 0,
      by_stage: {},
      by_key: {},
    });
  });

  it('aggregates totals, triggers, suppressions, per stage, per key and token usage', () => {
    const collector = createGuardrailSummary();
    collector.sink(event({ stage: 'pre_flight', key: 'pii_detection_input', tripwire: true, flagged: true }));
    collector.add(event({ key: 'moderation' }));
    collector.add(
      event({
        key: 'jailbreak_detection',
        suppressed: true,
        flagged: true,
        token_usage: { input_tokens: 100, output_tokens: 20, total_tokens: 120 },
      }),
    );
    collector.add(
      event({
        stage: 'tool_output',
        key: 'prompt_injection_tool_output',
        tripwire: true,
        token_usage: { input_tokens: 50, output_tokens: 5, total_tokens: 55 },
      }),
    );
    const summary = collector.summary();
    expect(summary).toEqual({
      type: 'guardrail_summary',
      total: 4,
      triggered: 2,
      suppressed: 1,
      by_stage: {
        pre_flight: { total: 1, triggered: 1 },
        input: { total: 2, triggered: 0 },
        tool_output: { total: 1, triggered: 1 },
      },
      by_key: {
        pii_detection_input: { total: 1, triggered: 1 },
        moderation: { total: 1, triggered: 0 },
        jailbreak_detection: { total: 1, triggered: 0 },
        prompt_injection_tool_output: { total: 1, triggered: 1 },
      },
      token_usage: { input_tokens: 150, output_tokens: 25, total_tokens: 175 },
    });
    // The snapshot is a copy: later events do not change it.
    collector.add(event({}));
    expect(summary.total).toBe(4);
    expect(summary.by_key.moderation?.total).toBe(1);
  });
});
