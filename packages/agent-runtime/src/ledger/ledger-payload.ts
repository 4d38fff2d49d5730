import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { constants, gunzip, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Spill threshold of spec §2.7: frames whose JSON is larger go to object storage. */
export const DEFAULT_MAX_INLINE_BYTES = 1024 * 1024;

// RFC 1952 header: bytes 4..7 are MTIME, byte 9 is OS. zlib writes MTIME 0, but OS depends on the
// platform zlib was built for (3 on Unix, 10 on Windows); pinning it to 255 ("unknown") keeps the bytes,
// and so the sha256, identical wherever the ledger runs.
const GZIP_MTIME_OFFSET = 4;
const GZIP_OS_OFFSET = 9;
const GZIP_OS_UNKNOWN = 255;

/** A frame's JSON gzipped for object storage, with the digest stored in its ledger row. */
export interface SpilledPayload {
  readonly body: Uint8Array;
  readonly sha256: string;
}

/** Gzips JSON deterministically: fixed level, zero mtime, fixed OS byte. */
export async function gzipPayload(json: string): Promise<SpilledPayload> {
  const body = await gzipAsync(Buffer.from(json, 'utf8'), { level: constants.Z_DEFAULT_COMPRESSION });
  body.writeUInt32LE(0, GZIP_MTIME_OFFSET);
  body[GZIP_OS_OFFSET] = GZIP_OS_UNKNOWN;
  return { body, sha256: sha256Hex(body) };
}

/** Hex sha256 of the stored bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Verifies a spilled object against its row and decodes it. The digest is checked before inflating, so
 * corrupted or substituted bytes are never decoded; the inflated size is capped at the recorded size.
 */
export async function gunzipPayload(body: Uint8Array, expected: { sha256: string; sizeBytes: number }) {
  if (sha256Hex(body) !== expected.sha256) throw new Error('sha256 mismatch');
  const json = await gunzipAsync(body, { maxOutputLength: Math.max(expected.sizeBytes, 1) });
  if (json.byteLength !== expected.sizeBytes) throw new Error('size mismatch');
  return JSON.parse(json.toString('utf8')) as unknown;
}

// Postgres `jsonb` rejects `\u0000` and unpaired surrogate escapes, which JSON.stringify emits for such
// characters; those frames are spilled instead so that one odd delta cannot fail a whole batch.
const JSONB_UNSAFE = /\\u(?:0000|d[89a-f])/i;

/** True when `jsonb` would refuse this JSON text. */
export function isJsonbUnsafe(json: string): boolean {
  return JSONB_UNSAFE.test(json);
}
