import type { ToolFailureCheck } from './projector-state.js';

/**
 * The output `@openai/agents` 0.20 gives the model when a function tool (or an agent-as-tool whose
 * nested run failed) throws and the tool has the default `errorFunction`. The tool output run item
 * carries nothing else that tells a failure apart from a result (`executionStatus` is `executed` either
 * way), so this text is the only signal the stream has.
 */
export const SDK_TOOL_ERROR_OUTPUT = 'An error occurred while running the tool. Please try again.';

// The SDK's default `timeoutErrorFunction` text for `timeoutBehavior: 'error_as_result'`.
const SDK_TIMEOUT_OUTPUT = /^Tool '[^']+' timed out after \d+ms\.$/;

/**
 * The default {@link ToolFailureCheck}: recognizes the SDK's default error and timeout outputs. Tools
 * with their own `errorFunction` should return something the runtime's own check recognizes (the
 * projector option `isToolFailure`), e.g. an `{ error }` object.
 */
export const isSdkToolFailure: ToolFailureCheck = (output) =>
  typeof output === 'string' && (output === SDK_TOOL_ERROR_OUTPUT || SDK_TIMEOUT_OUTPUT.test(output));

/** What a failed tool shows as its `tool.output`: the error text under `error`, objects unchanged. */
export function failureOutput(output: unknown): unknown {
  return typeof output === 'string' ? { error: output } : output;
}
