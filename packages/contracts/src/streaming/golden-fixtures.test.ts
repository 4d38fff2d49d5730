import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { finalStatus } from './final-status.js';
import {
  isTerminalEvent,
  PUBLIC_SSE_NON_ITEM_KINDS,
  type PublicSseEvent,
  PublicSseEventSchema,
} from './public-sse-event.js';
import { checkStreamInvariants } from './stream-invariants.js';

type RawEvent = Record<string, unknown>;

const FIXTURE_DIR = new URL('./fixtures/public-sse-v1/', import.meta.url);
const fixtures = readdirSync(FIXTURE_DIR)
  .filter((name) => name.endsWith('.ndjson'))
  .sort()
  .map((name) => {
    const lines = readFileSync(new URL(name, FIXTURE_DIR), 'utf8').split('\n').filter(Boolean);
    return { name, raw: lines.map((line) => JSON.parse(line) as RawEvent) };
  });

const clone = (raw: RawEvent[]): RawEvent[] => structuredClone(raw);
const parseAll = (raw: RawEvent[]): PublicSseEvent[] => raw.map((e) => PublicSseEventSchema.parse(e));
const nonItemKinds: readonly string[] = PUBLIC_SSE_NON_ITEM_KINDS;
const multiEventFixtures = fixtures.filter((f) => f.raw.length > 1);

describe('golden public_sse_v1 fixtures', () => {
  it('are the 13 streams of spec §2.7', () => {
    expect(fixtures).toHaveLength(13);
  });

  it.each(fixtures)('$name: every frame parses', ({ raw }) => {
    raw.forEach((event, line) => {
      const result = PublicSseEventSchema.safeParse(event);
      expect(result.error?.issues, `line ${line + 1}`).toBeUndefined();
    });
  });

  it.each(fixtures)('$name: satisfies the stream invariants', ({ raw }) => {
    expect(checkStreamInvariants(parseAll(raw))).toEqual([]);
  });

  it.each(fixtures.filter((f) => f.raw.at(-1)?.kind === 'final'))(
    '$name: final agrees with the events before it',
    ({ raw }) => {
      const events = parseAll(raw);
      const final = events.at(-1);
      if (final?.kind !== 'final') throw new Error('fixture does not end with final');
      const root = events.filter((e) => !('scope' in e && e.scope));
      const refusal = root.flatMap((e) => (e.kind === 'refusal.done' ? [e.refusal_text] : [])).join('');
      const reasoning = root.flatMap((e) => (e.kind === 'reasoning_summary.delta' ? [e.delta] : [])).join('');
      const lifecycle = root.flatMap((e) => (e.kind === 'lifecycle' ? [e.status] : [])).at(-1);

      expect(
        finalStatus({
          refusalText: refusal || null,
          lastLifecycleStatus: lifecycle ?? null,
          responseText: final.final.response_text ?? null,
          structuredOutput: final.final.structured_output ?? null,
        }),
      ).toBe(final.final.status);
      expect(final.final.refusal_text ?? null).toBe(refusal || null);
      expect(final.final.reasoning_summary_text ?? null).toBe(reasoning || null);
    },
  );
});

describe('mutated fixtures are rejected by the schema', () => {
  const all = fixtures.flatMap(({ name, raw }) => raw.map((event, line) => ({ name, line, event })));
  const itemEvents = all.filter(({ event }) => !nonItemKinds.includes(event.kind as string));
  const nonItemEvents = all.filter(({ event }) => nonItemKinds.includes(event.kind as string));

  it('an extra key on any frame', () => {
    for (const { name, line, event } of all) {
      expect(PublicSseEventSchema.safeParse({ ...event, extra: 1 }).success, `${name}:${line}`).toBe(false);
    }
  });

  it('an item event without item_id or output_index', () => {
    expect(itemEvents.length).toBeGreaterThan(50);
    for (const { name, line, event } of itemEvents) {
      const { item_id: _id, ...noItemId } = event;
      const { output_index: _index, ...noIndex } = event;
      expect(PublicSseEventSchema.safeParse(noItemId).success, `${name}:${line}`).toBe(false);
      expect(PublicSseEventSchema.safeParse(noIndex).success, `${name}:${line}`).toBe(false);
    }
  });

  it('item coordinates on a non-item event', () => {
    expect(nonItemEvents.length).toBeGreaterThan(20);
    for (const { name, line, event } of nonItemEvents) {
      const withItem = { ...event, output_index: 0, item_id: 'x' };
      expect(PublicSseEventSchema.safeParse(withItem).success, `${name}:${line}`).toBe(false);
    }
  });

  it('an unknown kind, or another schema version', () => {
    for (const { event } of all) {
      expect(PublicSseEventSchema.safeParse({ ...event, kind: 'message.completed' }).success).toBe(false);
      expect(PublicSseEventSchema.safeParse({ ...event, schema: 'public_sse_v2' }).success).toBe(false);
    }
  });

  it('a tool status its tool type does not allow', () => {
    const toolStatuses = all.filter(({ event }) => event.kind === 'tool.status');
    expect(toolStatuses.length).toBeGreaterThan(5);
    for (const { event } of toolStatuses) {
      const tool = event.tool as RawEvent;
      const bad =
        tool.tool_type === 'web_search' || tool.tool_type === 'file_search' ? 'failed' : 'searching';
      expect(PublicSseEventSchema.safeParse({ ...event, tool: { ...tool, status: bad } }).success).toBe(
        false,
      );
    }
  });
});

describe('mutated fixtures break the stream invariants', () => {
  it.each(fixtures)('$name: duplicate terminal', ({ raw }) => {
    const events = clone(raw);
    const terminal = { ...events.at(-1), event_id: events.length + 1 };
    expect(checkStreamInvariants(parseAll([...events, terminal]))).toContainEqual(
      expect.stringMatching(/2 terminal events/),
    );
  });

  it.each(fixtures)('$name: missing terminal', ({ raw }) => {
    const events = clone(raw).slice(0, -1);
    expect(checkStreamInvariants(parseAll(events)).length).toBeGreaterThan(0);
  });

  it.each(multiEventFixtures)('$name: event after terminal', ({ raw }) => {
    const events = clone(raw);
    const moved = events.splice(-2, 1)[0]!;
    events.push(moved);
    events.forEach((event, i) => {
      event.event_id = i + 1;
    });
    expect(checkStreamInvariants(parseAll(events))).toContainEqual(
      expect.stringMatching(/terminal event is followed by 1 more event/),
    );
  });

  it.each(multiEventFixtures)('$name: non-increasing event_id', ({ raw }) => {
    const repeated = clone(raw);
    repeated[1]!.event_id = 1;
    expect(checkStreamInvariants(parseAll(repeated))).toContainEqual(
      expect.stringMatching(/event_id must be 2/),
    );
    const skipped = clone(raw).map((event, i) => ({ ...event, event_id: i * 2 + 1 }));
    expect(checkStreamInvariants(parseAll(skipped))).toContainEqual(
      expect.stringMatching(/event_id must be 2/),
    );
  });

  it.each(fixtures)('$name: event_id not starting at 1', ({ raw }) => {
    const shifted = clone(raw).map((event) => ({ ...event, event_id: (event.event_id as number) + 1 }));
    expect(checkStreamInvariants(parseAll(shifted))).toContainEqual(
      expect.stringMatching(/event_id must be 1/),
    );
  });

  it.each(multiEventFixtures)('$name: mixed stream or conversation ids', ({ raw }) => {
    const streams = clone(raw);
    streams.at(-1)!.stream_id = 'stream_other';
    expect(checkStreamInvariants(parseAll(streams))).toContainEqual(expect.stringMatching(/stream_id/));
    const conversations = clone(raw);
    conversations[1]!.conversation_id = 'c_other';
    expect(checkStreamInvariants(parseAll(conversations))).toContainEqual(
      expect.stringMatching(/conversation_id/),
    );
  });

  it('an image chunk sequence left open', () => {
    const image = fixtures.find((f) => f.name === 'chat-image-generation-partials.ndjson')!;
    const events = clone(image.raw).filter((event) => event.kind !== 'chunk.done');
    events.forEach((event, i) => {
      event.event_id = i + 1;
    });
    expect(checkStreamInvariants(parseAll(events))).toContainEqual(expect.stringMatching(/never closed/));
  });

  it('the terminal is recognised in every fixture', () => {
    for (const { raw } of fixtures) expect(isTerminalEvent(parseAll(raw).at(-1)!)).toBe(true);
  });
});
