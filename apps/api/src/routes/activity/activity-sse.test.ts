import { createMemoryKeyValueStore } from '@starter/providers';
import { describe, expect, it } from 'vitest';
import { activitySseBody, SSE_KEEPALIVE } from './activity-sse.js';

const logger = { warn: () => {} } as never;

describe('activitySseBody', () => {
  it('sends a keepalive comment after each idle interval and ends its read on cancel', async () => {
    const kv = createMemoryKeyValueStore();
    const body = activitySseBody({ kv, streamKey: 'activity:t', keepaliveMs: 20, logger });
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const chunks: string[] = [];
    for (let i = 0; i < 3; i++) chunks.push(decoder.decode((await reader.read()).value));
    expect(chunks).toEqual([SSE_KEEPALIVE, SSE_KEEPALIVE, SSE_KEEPALIVE]);
    await kv.appendToStream('activity:t', { event: '{"action":"auth.logout"}' });
    const frame = decoder.decode((await reader.read()).value);
    expect(frame).toMatch(/^id: \S+\ndata: \{"action":"auth.logout"\}\n\n$/);
    await reader.cancel();
    await kv.close();
  });

  it('ends the stream when the KV fails mid-way', async () => {
    const kv = createMemoryKeyValueStore();
    const warnings: unknown[] = [];
    const body = activitySseBody({
      kv: { readStream: () => Promise.reject(new Error('down')) },
      streamKey: 'activity:t',
      keepaliveMs: 20,
      logger: { warn: (fields: unknown) => warnings.push(fields) } as never,
    });
    const reader = body.getReader();
    expect((await reader.read()).done).toBe(false);
    expect((await reader.read()).done).toBe(true);
    expect(warnings).toHaveLength(1);
    await kv.close();
  });
});
