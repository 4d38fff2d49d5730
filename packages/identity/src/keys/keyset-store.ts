import type { Keyset } from './keyset-schema.js';

/** Where the keyset lives (a file, a secret manager secret, memory in tests). */
export interface KeysetStore {
  /** The stored keyset, validated, or null when none was saved yet. */
  load(): Promise<Keyset | null>;
  /** Replaces the stored keyset as a whole; readers never see a partial write. */
  save(keyset: Keyset): Promise<void>;
}
