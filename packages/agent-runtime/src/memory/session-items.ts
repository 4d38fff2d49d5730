import type { AgentInputItem } from '@openai/agents';

/** A deep copy, so callers never share item objects with the store. */
export function cloneItems(items: readonly AgentInputItem[]): AgentInputItem[] {
  return structuredClone([...items]);
}

/** The most recent `limit` items in chronological order, as `Session.getItems` defines it. */
export function lastItems(items: readonly AgentInputItem[], limit: number | undefined): AgentInputItem[] {
  if (limit === undefined) return cloneItems(items);
  if (limit <= 0) return [];
  return cloneItems(items.slice(Math.max(items.length - limit, 0)));
}
