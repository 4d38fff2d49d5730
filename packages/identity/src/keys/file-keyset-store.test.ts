import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAppError } from '@starter/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileKeysetStore } from './file-keyset-store.js';
import { rotatedKeyset } from './rotate-keyset.js';

const clock = { now: () => Date.UTC(2024, 0, 1), date: () => new Date(Date.UTC(2024, 0, 1)) };

describe('createFileKeysetStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyset-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('returns null when the file does not exist', async () => {
    expect(await createFileKeysetStore({ path: join(dir, 'missing.json') }).load()).toBeNull();
  });

  it('creates the directory, writes mode 0600 and round-trips the keyset', async () => {
    const path = join(dir, 'nested', 'keys', 'keyset.json');
    const store = createFileKeysetStore({ path });
    const keyset = rotatedKeyset(null, clock);
    await store.save(keyset);
    expect(await store.load()).toEqual(keyset);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    // Atomic write: only the target remains, no temp file.
    expect(await readdir(join(dir, 'nested', 'keys'))).toEqual(['keyset.json']);
  });

  it('replaces an existing keyset as a whole', async () => {
    const store = createFileKeysetStore({ path: join(dir, 'keyset.json') });
    await store.save(rotatedKeyset(null, clock));
    const second = rotatedKeyset(null, clock);
    await store.save(second);
    expect((await store.load())?.active.kid).toBe(second.active.kid);
  });

  it('rejects invalid JSON without echoing the file content', async () => {
    const path = join(dir, 'keyset.json');
    await writeFile(path, '{"private_key": "-----BEGIN PRIVATE KEY-----SECRETSTUFF');
    const error = await createFileKeysetStore({ path })
      .load()
      .catch((e: unknown) => e);
    expect(isAppError(error)).toBe(true);
    expect(JSON.stringify(error)).not.toContain('SECRETSTUFF');
    expect(String((error as Error).message)).not.toContain('SECRETSTUFF');
    expect((error as Error).cause).toBeUndefined();
  });

  it('rejects a keyset that fails the schema, naming paths but not values', async () => {
    const path = join(dir, 'keyset.json');
    const keyset = rotatedKeyset(null, clock);
    await writeFile(path, JSON.stringify({ ...keyset, active: { ...keyset.active, kid: 'not-a-kid' } }));
    const error = await createFileKeysetStore({ path })
      .load()
      .catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('InternalServerError');
    const serialized = JSON.stringify({
      message: (error as Error).message,
      details: (error as { details: unknown }).details,
    });
    expect(serialized).toContain('active');
    expect(serialized).not.toContain(keyset.active.private_key.slice(40, 80));
  });

  it('refuses to save an invalid keyset and leaves the old file intact', async () => {
    const path = join(dir, 'keyset.json');
    const store = createFileKeysetStore({ path });
    const keyset = rotatedKeyset(null, clock);
    await store.save(keyset);
    const before = await readFile(path, 'utf8');
    await expect(store.save({ ...keyset, schema_version: 2 } as never)).rejects.toThrow();
    expect(await readFile(path, 'utf8')).toBe(before);
  });
});
