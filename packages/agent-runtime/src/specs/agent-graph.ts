/** Edges of the agent graph: agent key → the agents it hands off to or calls as tools. */
export type AgentEdges = ReadonlyMap<string, readonly string[]>;

/** Each cycle found, as a path that returns to its start (`a → b → a`). */
export function findAgentCycles(edges: AgentEdges): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];

  function visit(key: string): void {
    state.set(key, 'visiting');
    stack.push(key);
    for (const next of edges.get(key) ?? []) {
      const seen = state.get(next);
      if (seen === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (seen === undefined && edges.has(next)) visit(next);
    }
    stack.pop();
    state.set(key, 'done');
  }

  for (const key of [...edges.keys()].sort()) if (!state.has(key)) visit(key);
  return cycles;
}

/** Keys ordered so every agent comes after the agents it depends on; ties alphabetical. Assumes no cycles. */
export function topologicalAgentOrder(edges: AgentEdges): string[] {
  const order: string[] = [];
  const placed = new Set<string>();

  function place(key: string): void {
    if (placed.has(key)) return;
    placed.add(key);
    for (const next of [...(edges.get(key) ?? [])].sort()) if (edges.has(next)) place(next);
    order.push(key);
  }

  for (const key of [...edges.keys()].sort()) place(key);
  return order;
}
