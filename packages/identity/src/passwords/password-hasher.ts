import {
  hash as argon2Hash,
  argon2id,
  needsRehash as argon2NeedsRehash,
  verify as argon2Verify,
} from 'argon2';

/** argon2id work factors. */
export interface Argon2Cost {
  /** Memory in KiB. */
  memoryCost: number;
  /** Passes over memory. */
  timeCost: number;
  /** Lanes. */
  parallelism: number;
}

/**
 * Production defaults: the OWASP Password Storage Cheat Sheet's argon2id baseline (19 MiB, 2 passes,
 * 1 lane). One lane keeps a login to one libuv thread on small hosts; raise memory before parallelism.
 */
export const DEFAULT_ARGON2_COST: Readonly<Argon2Cost> = Object.freeze({
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
});

/** Settings for `createPasswordHasher`. */
export interface PasswordHasherOptions {
  /** Server-side secret mixed in as argon2's `secret`, so a leaked database alone cannot be cracked. */
  pepper: string;
  cost?: Argon2Cost;
}

/** Hashes and verifies passwords with argon2id and a pepper. */
export interface PasswordHasher {
  /** A PHC-format argon2id hash (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`) with a fresh random salt. */
  hash(password: string): Promise<string>;
  /** True when `password` matches `hash`; false (never a throw) for a malformed or foreign hash. */
  verify(hash: string, password: string): Promise<boolean>;
  /** True when `hash` was made with other parameters (or is not argon2id) and should be replaced on login. */
  needsRehash(hash: string): boolean;
}

function validateCost(cost: Argon2Cost): void {
  const { memoryCost, timeCost, parallelism } = cost;
  if (![memoryCost, timeCost, parallelism].every(Number.isInteger)) {
    throw new RangeError('argon2 cost parameters must be integers.');
  }
  if (parallelism < 1 || timeCost < 1 || memoryCost < 8 * parallelism) {
    throw new RangeError('argon2 needs parallelism >= 1, timeCost >= 1 and memoryCost >= 8 * parallelism.');
  }
}

/** Creates an argon2id password hasher; the pepper is argon2's secret input, never stored in the hash. */
export function createPasswordHasher(options: PasswordHasherOptions): PasswordHasher {
  if (options.pepper.length === 0) {
    throw new Error('Password pepper must not be empty.');
  }
  const cost = options.cost ?? DEFAULT_ARGON2_COST;
  validateCost(cost);
  const secret = Buffer.from(options.pepper, 'utf8');
  const { memoryCost, timeCost, parallelism } = cost;

  return {
    hash: (password) => argon2Hash(password, { type: argon2id, memoryCost, timeCost, parallelism, secret }),

    async verify(hash, password) {
      if (!hash.startsWith('$argon2id$')) {
        return false;
      }
      try {
        // argon2 compares the digests in constant time.
        return await argon2Verify(hash, password, { secret });
      } catch {
        return false;
      }
    },

    needsRehash(hash) {
      if (!hash.startsWith('$argon2id$')) {
        return true;
      }
      try {
        return argon2NeedsRehash(hash, { memoryCost, timeCost, parallelism });
      } catch {
        return true;
      }
    },
  };
}
