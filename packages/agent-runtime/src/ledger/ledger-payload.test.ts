import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzipPayload, gzipPayload, isJsonbUnsafe, sha256Hex } from './ledger-payload.js';

describe('ledger payload spill codec', () => {
  const json = JSON.stringify({ delta: 'x'.repeat(50_000), n: 1 });

  it('gzips deterministically: zero mtime, fixed OS byte, identical bytes and sha256', async () => {
    const a = await gzipPayload(json);
    const b = await gzipPayload(json);
    expect(Buffer.from(a.body).equals(Buffer.from(b.body))).toBe(true);
    expect(a.sha256).toBe(b.sha256);
    expect(a.sha256).toBe(sha256Hex(a.body));
    expect([...a.body.subarray(0, 3)]).toEqual([0x1f, 0x8b, 8]);
    expect(Buffer.from(a.body).readUInt32LE(4)).toBe(0);
    expect(a.body[9]).toBe(255);
    expect(gunzipSync(a.body).toString('utf8')).toBe(json);
  });

  it('decodes only bytes that match the recorded sha256 and size', async () => {
    const { body, sha256 } = await gzipPayload(json);
    const sizeBytes = Buffer.byteLength(json);
    await expect(gunzipPayload(body, { sha256, sizeBytes })).resolves.toEqual(JSON.parse(json));
    const tampered = Uint8Array.from(body);
    tampered[20] = (tampered[20] ?? 0) ^ 0xff;
    await expect(gunzipPayload(tampered, { sha256, sizeBytes })).rejects.toThrow('sha256');
    await expect(gunzipPayload(body, { sha256, sizeBytes: sizeBytes - 1 })).rejects.toThrow();
  });

  it('flags JSON that jsonb refuses (NUL, lone surrogates) but not ordinary text', () => {
    expect(isJsonbUnsafe(JSON.stringify({ d: 'a\u0000b' }))).toBe(true);
    expect(isJsonbUnsafe(JSON.stringify({ d: 'a\ud800b' }))).toBe(true);
    expect(isJsonbUnsafe(JSON.stringify({ d: 'emoji 😀 and é' }))).toBe(false);
  });
});
