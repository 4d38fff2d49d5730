import type { PublicSseEvent } from '@starter/contracts';

/** One event reduced to what a golden fixture pins: kind, tool type/status, item type, terminal status. */
export interface SkeletonEntry {
  readonly label: string;
  /** Position of the event's item in order of first appearance, or null for non-item events. */
  readonly item: number | null;
}

const COLLAPSED = new Set<PublicSseEvent['kind']>([
  'message.delta',
  'refusal.delta',
  'reasoning_summary.delta',
  'tool.arguments.delta',
  'tool.code.delta',
  'chunk.delta',
]);

function labelOf(event: PublicSseEvent): string {
  const scoped = 'scope' in event && event.scope ? 'scoped:' : '';
  switch (event.kind) {
    case 'tool.status':
      return `${scoped}tool.status:${event.tool.tool_type}:${event.tool.status}`;
    case 'tool.arguments.delta':
    case 'tool.arguments.done':
    case 'tool.output':
      return `${scoped}${event.kind}:${event.tool_type}`;
    case 'output_item.added':
    case 'output_item.done':
      return `${scoped}${event.kind}:${event.item_type}`;
    case 'final':
      return `final:${event.final.status}`;
    case 'error':
      return `error:${event.error.source}`;
    default:
      return `${scoped}${event.kind}`;
  }
}

/**
 * Reduces a stream to its comparable skeleton, ignoring ids, timestamps and text. `lifecycle` events are
 * left out (the fixtures show one per stream, a real run reports every model response's lifecycle) and
 * consecutive deltas of one item count once.
 */
export function streamSkeleton(events: readonly PublicSseEvent[]): SkeletonEntry[] {
  const items = new Map<string, number>();
  const entries: SkeletonEntry[] = [];
  for (const event of events) {
    if (event.kind === 'lifecycle') continue;
    let item: number | null = null;
    if ('item_id' in event) {
      const scope = 'scope' in event && event.scope ? event.scope.tool_call_id : '';
      const key = `${scope}|${event.item_id}`;
      if (!items.has(key)) items.set(key, items.size);
      item = items.get(key) ?? null;
    }
    const entry = { label: labelOf(event), item };
    const previous = entries.at(-1);
    // How text is cut into deltas is the provider's choice: a run of deltas counts as one.
    if (COLLAPSED.has(event.kind) && previous?.label === entry.label && previous.item === item) continue;
    entries.push(entry);
  }
  return entries;
}

function labelsOf(entries: readonly SkeletonEntry[], item: number | null): string[] {
  return entries.filter((entry) => entry.item === item).map((entry) => entry.label);
}

/**
 * Compares a projected stream with a golden fixture and returns the differences (empty when they match).
 * `exact` requires the same skeleton in the same order. Otherwise the fixture is read as a summary of a
 * real run: items must appear in the same order, every fixture event of an item must occur for the
 * matching item (real runs add intermediate statuses and code deltas), and the non-item events
 * (handoffs, terminal) must be equal and in order.
 */
export function compareWithFixture(
  actual: readonly PublicSseEvent[],
  fixture: readonly PublicSseEvent[],
  mode: 'exact' | 'summary' = 'exact',
): string[] {
  const got = streamSkeleton(actual);
  const want = streamSkeleton(fixture);
  const show = (entries: readonly SkeletonEntry[]) => entries.map((entry) => entry.label).join(', ');
  if (mode === 'exact') {
    return show(got) === show(want) ? [] : [`skeleton differs:\n  got:  ${show(got)}\n  want: ${show(want)}`];
  }
  const problems: string[] = [];
  const nonItemGot = labelsOf(got, null).join(', ');
  const nonItemWant = labelsOf(want, null).join(', ');
  if (nonItemGot !== nonItemWant)
    problems.push(`non-item events: got [${nonItemGot}], want [${nonItemWant}]`);
  const itemCount = new Set(want.flatMap((entry) => (entry.item === null ? [] : [entry.item]))).size;
  for (let item = 0; item < itemCount; item += 1) {
    const have = labelsOf(got, item);
    const missing = labelsOf(want, item).filter((label) => !have.includes(label));
    if (missing.length > 0)
      problems.push(`item ${item}: missing [${missing.join(', ')}] in [${have.join(', ')}]`);
  }
  return problems;
}
