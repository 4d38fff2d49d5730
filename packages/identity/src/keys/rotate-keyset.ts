import type { Clock } from '@starter/contracts';
import { generateSigningKey } from './generate-signing-key.js';
import type { Keyset } from './keyset-schema.js';
import type { KeysetStore } from './keyset-store.js';

/**
 * The keyset after one rotation: the published next key becomes active and a fresh next is generated.
 * With no keyset or no next key, both keys are new (there is nothing pre-published to promote).
 */
export function rotatedKeyset(current: Keyset | null, clock: Clock): Keyset {
  const active = current?.next ?? generateSigningKey(clock);
  return { schema_version: 1, active, next: generateSigningKey(clock) };
}

/** Rotates the stored keyset (operator action) and saves it atomically; returns the new keyset. */
export async function rotateKeyset(store: KeysetStore, clock: Clock): Promise<Keyset> {
  const rotated = rotatedKeyset(await store.load(), clock);
  await store.save(rotated);
  return rotated;
}
