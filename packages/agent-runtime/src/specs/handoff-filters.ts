import type { AgentInputItem, HandoffInputData } from '@openai/agents';
import { removeAllTools } from '@openai/agents-core/extensions';
import type { HandoffInputFilterName } from './agent-spec-schema.js';

/** The SDK's handoff input filter signature (not exported by the SDK's index). */
export type HandoffInputFilter = (input: HandoffInputData) => HandoffInputData;

/** Items whose call must precede them in the model input; a history may not start with one. */
const CALL_OUTPUT_TYPES = new Set([
  'function_call_result',
  'computer_call_result',
  'shell_call_output',
  'apply_patch_call_output',
  'tool_search_output',
  'program_output',
]);

/** The SDK input filter for a registry filter name; `full` is no filter at all. */
export function handoffInputFilterFor(name: HandoffInputFilterName): HandoffInputFilter | undefined {
  switch (name) {
    case 'full':
      return undefined;
    case 'fresh':
      return freshHandoffFilter;
    case 'last_turn':
      return lastTurnHandoffFilter;
    case 'remove_all_tools':
      return removeAllTools;
  }
}

/**
 * `fresh`: the target starts without the conversation's history. It still gets the current user
 * message, because a model input without it would leave the target nothing to act on.
 */
export const freshHandoffFilter: HandoffInputFilter = (data: HandoffInputData) => {
  const latest =
    typeof data.inputHistory === 'string' ? data.inputHistory : lastUserMessage(data.inputHistory);
  return {
    ...data,
    inputHistory: latest === undefined ? [] : typeof latest === 'string' ? latest : [latest],
    preHandoffItems: [],
    newItems: [],
  };
};

/** `last_turn`: only the last two history items, plus this turn's transfer call and output. */
export const lastTurnHandoffFilter: HandoffInputFilter = (data: HandoffInputData) => {
  if (typeof data.inputHistory === 'string') return { ...data, preHandoffItems: [] };
  const kept = data.inputHistory.slice(-2);
  while (kept[0] !== undefined && CALL_OUTPUT_TYPES.has(kept[0].type ?? '')) kept.shift();
  return { ...data, inputHistory: kept, preHandoffItems: [] };
};

function lastUserMessage(items: readonly AgentInputItem[]): AgentInputItem | undefined {
  for (let index = items.length - 1; index >= 0; index -= 1) {
    const item = items[index];
    if (item !== undefined && 'role' in item && item.role === 'user') return item;
  }
  return undefined;
}
