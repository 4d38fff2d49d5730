import type { ModelUsageReport, RunEventInput, RunItemRecord } from '@starter/agent-runtime';

/** Items the model produced (a new model response starts with one after a locally produced item). */
const LOCAL_ITEM_TYPES = new Set(['tool_call_output_item', 'handoff_output_item', 'tool_approval_item']);

/**
 * Which model response each item came from: items are grouped by response (a model group ends at the
 * first locally produced item). Only when the group count matches the metered responses (no nested
 * agent-tool responses in between) is the mapping known; otherwise every item gets null.
 */
function responseOfItems(
  items: readonly RunItemRecord[],
  responses: readonly ModelUsageReport[],
): (ModelUsageReport | null)[] {
  let group = -1;
  let previousLocal = true;
  const groups = items.map((item) => {
    const local = LOCAL_ITEM_TYPES.has(item.itemType);
    if (!local && previousLocal) group += 1;
    previousLocal = local;
    return Math.max(group, 0);
  });
  if (group + 1 !== responses.length) return items.map(() => null);
  return groups.map((index) => responses[index] ?? null);
}

/** The run's items as run-event log rows: agent display names mapped to agent keys. */
export function runEventsOf(
  runId: string,
  items: readonly RunItemRecord[],
  responses: readonly ModelUsageReport[],
  agentKeyOfName: (name: string) => string | null,
): RunEventInput[] {
  const sources = responseOfItems(items, responses);
  return items.map((item, index) => {
    const response = sources[index] ?? null;
    return {
      runId,
      itemType: item.itemType,
      name: item.name,
      role: item.role,
      agent: item.agentName === null ? null : (agentKeyOfName(item.agentName) ?? item.agentName),
      toolCallId: item.toolCallId,
      toolName: item.toolName,
      content: item.content,
      arguments: item.arguments,
      output: item.output,
      model: response?.model ?? null,
      responseId: response?.responseId ?? null,
    };
  });
}
