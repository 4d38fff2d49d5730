import { describe, expect, it } from 'vitest';
import { createMemoryKeysetStore } from './memory-keyset-store.js';
import { rotatedKeyset } from './rotate-keyset.js';

const clock = { now: () => 0, date: () => new Date(0) };

describe('createMemoryKeysetStore', () => {
  it('starts empty, stores copies, and validates', async () => {
    const store = createMemoryKeysetStore();
    expect(await store.load()).toBeNull();
    const keyset = rotatedKeyset(null, clock);
    await store.save(keyset);
    const loaded = await store.load();
    expect(loaded).toEqual(keyset);
    loaded!.active.kid = 'ed25519-000000000000';
    expect((await store.load())?.active.kid).toBe(keyset.active.kid);
    await expect(store.save({ ...keyset, next: keyset.active })).rejects.toThrow();
  });
});
