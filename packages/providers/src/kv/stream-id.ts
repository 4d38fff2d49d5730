import { invalidKvArgument } from './kv-arguments.js';

/** A parsed stream id `<ms>-<seq>`. */
export interface StreamId {
  ms: number;
  seq: number;
}

const STREAM_ID = /^(\d{1,16})(?:-(\d{1,16}))?$/;

/** Parses `<ms>-<seq>` or a bare `<ms>` (meaning `<ms>-0`, as Redis reads it in XREAD). */
export function parseStreamId(id: string): StreamId {
  const match = STREAM_ID.exec(id);
  const ms = Number(match?.[1]);
  const seq = Number(match?.[2] ?? '0');
  if (!match || !Number.isSafeInteger(ms) || !Number.isSafeInteger(seq)) {
    throw invalidKvArgument(`"${id}" is not a stream id`);
  }
  return { ms, seq };
}

/** Formats a stream id the way Redis prints it. */
export function formatStreamId(id: StreamId): string {
  return `${id.ms}-${id.seq}`;
}

/** Negative when `a` is older than `b`, zero when equal, positive when newer. */
export function compareStreamIds(a: StreamId, b: StreamId): number {
  return a.ms === b.ms ? a.seq - b.seq : a.ms - b.ms;
}

/** The id to use for a new entry: the clock's ms, but never at or before the last id. */
export function nextStreamId(last: StreamId | undefined, nowMs: number): StreamId {
  const ms = Math.max(0, Math.floor(nowMs));
  if (last !== undefined && ms <= last.ms) return { ms: last.ms, seq: last.seq + 1 };
  // Redis never hands out 0-0, so neither do we.
  return { ms, seq: ms === 0 ? 1 : 0 };
}
