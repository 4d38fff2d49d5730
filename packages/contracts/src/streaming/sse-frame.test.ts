import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error.js';
import { PublicSseEventSchema } from './public-sse-event.js';
import { formatHeartbeat, formatSseFrame, parseSseFrame } from './sse-frame.js';

const FIXTURE_DIR = new URL('./fixtures/public-sse-v1/', import.meta.url);
const events = readdirSync(FIXTURE_DIR).flatMap((name) =>
  readFileSync(new URL(name, FIXTURE_DIR), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => PublicSseEventSchema.parse(JSON.parse(line))),
);
const lifecycle = events[0]!;

function errorCodeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isAppError(error) ? error.code : 'not an AppError';
  }
  return undefined;
}

describe('SSE frames', () => {
  it('writes id then one data line, or data only when ids are off', () => {
    const json = JSON.stringify(lifecycle);
    expect(formatSseFrame(lifecycle)).toBe(`id: ${lifecycle.event_id}\ndata: ${json}\n\n`);
    expect(formatSseFrame(lifecycle, { id: true })).toBe(`id: ${lifecycle.event_id}\ndata: ${json}\n\n`);
    expect(formatSseFrame(lifecycle, { id: false })).toBe(`data: ${json}\n\n`);
  });

  it('round-trips every fixture event, with and without id', () => {
    expect(events.length).toBeGreaterThan(100);
    for (const event of events) {
      const withId = formatSseFrame(event);
      expect(withId.split('\n')).toHaveLength(4);
      expect(parseSseFrame(withId)).toEqual({ type: 'event', id: event.event_id, event });
      expect(parseSseFrame(formatSseFrame(event, { id: false }))).toEqual({ type: 'event', id: null, event });
    }
  });

  it('formats and parses the heartbeat comment', () => {
    const frame = formatHeartbeat(new Date(Date.UTC(2025, 11, 15, 12, 0, 5, 7)));
    expect(frame).toBe(': heartbeat 2025-12-15T12:00:05.007Z\n\n');
    expect(parseSseFrame(frame)).toEqual({ type: 'comment', comment: 'heartbeat 2025-12-15T12:00:05.007Z' });
  });

  it('accepts CRLF line ends and data split over several lines', () => {
    const json = JSON.stringify(lifecycle, null, 2);
    const frame = `${json
      .split('\n')
      .map((line) => `data: ${line}`)
      .join('\r\n')}\r\n\r\n`;
    expect(parseSseFrame(frame)).toEqual({ type: 'event', id: null, event: lifecycle });
  });

  it('rejects broken framing as BadRequest', () => {
    const data = `data: ${JSON.stringify(lifecycle)}`;
    expect(errorCodeOf(() => parseSseFrame(''))).toBe('BadRequest');
    expect(errorCodeOf(() => parseSseFrame(`${data}\n\n${data}\n\n`))).toBe('BadRequest');
    expect(errorCodeOf(() => parseSseFrame(`event: lifecycle\n${data}\n\n`))).toBe('BadRequest');
    expect(errorCodeOf(() => parseSseFrame(`id: 1\nid: 1\n${data}\n\n`))).toBe('BadRequest');
    expect(errorCodeOf(() => parseSseFrame(`id: 2\n${data}\n\n`))).toBe('BadRequest');
    expect(errorCodeOf(() => parseSseFrame('id: 1\n\n'))).toBe('BadRequest');
    expect(errorCodeOf(() => parseSseFrame('data: {not json\n\n'))).toBe('BadRequest');
  });

  it('rejects a payload that is not a public event as ValidationError with issues', () => {
    const frame = `data: ${JSON.stringify({ ...lifecycle, extra: true })}\n\n`;
    expect(errorCodeOf(() => parseSseFrame(frame))).toBe('ValidationError');
    try {
      parseSseFrame(frame);
    } catch (error) {
      expect(isAppError(error) && Array.isArray(error.details) && error.details.length).toBeGreaterThan(0);
    }
  });
});
