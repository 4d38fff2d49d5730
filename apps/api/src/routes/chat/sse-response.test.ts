import type { PublicSseEvent } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { sseBody } from './sse-response.js';

const logger = { error: () => {} } as never;

async function* slowFrames(frames: readonly PublicSseEvent[], gapMs: number): AsyncGenerator<PublicSseEvent> {
  for (const frame of frames) {
    await new Promise((resolve) => setTimeout(resolve, gapMs));
    yield frame;
  }
}

const frame = (eventId: number) =>
  ({ kind: 'lifecycle', event_id: eventId, status: 'in_progress' }) as unknown as PublicSseEvent;

describe('sseBody', () => {
  it('writes id + data frames and heartbeats while the run is quiet', async () => {
    let closed = 0;
    const body = sseBody(slowFrames([frame(1), frame(2)], 60), {
      now: () => new Date(),
      logger,
      heartbeatMs: 30,
      onClose: () => {
        closed += 1;
      },
    });
    const text = await new Response(body).text();
    expect(text).toMatch(/^: heartbeat \d{4}-\d\d-\d\dT[^\n]+Z\n\n/);
    expect(text).toContain(`id: 1\ndata: ${JSON.stringify(frame(1))}\n\n`);
    expect(text).toContain('id: 2\ndata: ');
    expect(closed).toBe(1);
  });

  it('a cancelled body stops reading and closes once', async () => {
    let closed = 0;
    const body = sseBody(slowFrames([frame(1), frame(2), frame(3)], 20), {
      now: () => new Date(),
      logger,
      onClose: () => {
        closed += 1;
      },
    });
    const reader = body.getReader();
    await reader.read();
    await reader.cancel();
    expect(closed).toBe(1);
  });

  it('a failing clean-up is logged, whether the body ended or was cancelled (never an unhandled rejection)', async () => {
    const warnings: string[] = [];
    const warnLogger = { error: () => {}, warn: (fields: { event: string }) => warnings.push(fields.event) };
    const failingClose = () => Promise.reject(new Error('unsubscribe failed'));
    const drained = sseBody(slowFrames([frame(1)], 5), {
      now: () => new Date(),
      logger: warnLogger as never,
      onClose: failingClose,
    });
    expect(await new Response(drained).text()).toContain('id: 1\n');
    const cancelled = sseBody(slowFrames([frame(1), frame(2)], 20), {
      now: () => new Date(),
      logger: warnLogger as never,
      onClose: failingClose,
    });
    const reader = cancelled.getReader();
    await reader.read();
    await reader.cancel();
    expect(warnings).toEqual(['chat.stream.close_failed', 'chat.stream.close_failed']);
  });

  it('coalesces frames that arrive while the reader is busy into one chunk, byte for byte', async () => {
    async function* burst(): AsyncGenerator<PublicSseEvent> {
      for (const id of [1, 2, 3]) yield frame(id);
    }
    const body = sseBody(burst(), { now: () => new Date(), logger, onClose: () => {} });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reader = body.getReader();
    const chunks: string[] = [];
    const decoder = new TextDecoder();
    for (let next = await reader.read(); !next.done; next = await reader.read())
      chunks.push(decoder.decode(next.value));
    expect(chunks).toEqual([
      [1, 2, 3].map((id) => `id: ${id}\ndata: ${JSON.stringify(frame(id))}\n\n`).join(''),
    ]);
  });
});
