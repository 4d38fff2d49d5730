import {
  GuardrailExecutionError,
  InputGuardrailTripwireTriggered,
  MaxTurnsExceededError,
  ModelBehaviorError,
  ModelTimeoutError,
  OutputGuardrailTripwireTriggered,
  ToolCallError,
  ToolInputGuardrailTripwireTriggered,
  ToolOutputGuardrailTripwireTriggered,
  ToolTimeoutError,
} from '@openai/agents';
import { isAppError } from '@starter/contracts';
import { APIError, APIUserAbortError } from 'openai';
import type { AgentStreamEvent } from './agent-stream-event.js';

type StreamError = Extract<AgentStreamEvent, { type: 'error' }>;

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

// SDK errors whose messages embed internals (guardrail output info, the tool's own exception text) are
// replaced by a fixed, client-safe summary; the details stay in server logs and run events.
const SAFE_SDK_ERRORS: ReadonlyArray<readonly [abstract new (...args: never[]) => Error, string, string]> = [
  [
    InputGuardrailTripwireTriggered,
    'guardrail_tripwire_triggered',
    'The request was blocked by a guardrail.',
  ],
  [
    OutputGuardrailTripwireTriggered,
    'guardrail_tripwire_triggered',
    'The response was blocked by a guardrail.',
  ],
  [
    ToolInputGuardrailTripwireTriggered,
    'guardrail_tripwire_triggered',
    'A tool call was blocked by a guardrail.',
  ],
  [
    ToolOutputGuardrailTripwireTriggered,
    'guardrail_tripwire_triggered',
    'A tool result was blocked by a guardrail.',
  ],
  [GuardrailExecutionError, 'guardrail_error', 'A guardrail could not be evaluated.'],
  [ToolTimeoutError, 'tool_timeout', 'A tool did not finish in time.'],
  [ToolCallError, 'tool_error', 'A tool failed while running.'],
  [MaxTurnsExceededError, 'max_turns_exceeded', 'The run exceeded its maximum number of turns.'],
  [ModelBehaviorError, 'model_behavior_error', 'The model produced an invalid response.'],
  [ModelTimeoutError, 'model_timeout', 'The model did not respond in time.'],
];

/** True for an abort of the run (an `AbortSignal` fired), which ends the stream as cancelled, not failed. */
export function isAbortError(error: unknown): boolean {
  if (error instanceof APIUserAbortError) return true;
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * Turns an exception thrown by a run into the internal `error` event with a client-safe message (§2.6):
 * OpenAI API errors (HTTP failures and the stream's `error` event) are the provider's and keep its
 * message; `AppError`s carry a safe message by contract; known SDK errors (guardrail tripwires, tool
 * failures, turn limits) get a fixed summary; anything else is an opaque internal error.
 */
export function normalizeRunError(error: unknown): StreamError {
  if (error instanceof APIError && !(error instanceof APIUserAbortError)) {
    return {
      type: 'error',
      source: 'provider',
      message: error.message || 'The model provider failed.',
      code: stringOrNull(error.code) ?? stringOrNull(error.type),
    };
  }
  if (isAppError(error)) {
    return { type: 'error', source: 'server', message: error.message || 'Request failed.', code: error.code };
  }
  for (const [kind, code, message] of SAFE_SDK_ERRORS) {
    if (error instanceof kind) return { type: 'error', source: 'server', message, code };
  }
  return { type: 'error', source: 'server', message: 'Internal server error.', code: 'internal_error' };
}
