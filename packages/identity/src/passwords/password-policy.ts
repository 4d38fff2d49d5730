import { AppError } from '@starter/contracts';
import { characterClasses } from './character-classes.js';
import type { PasswordHasher } from './password-hasher.js';
import { createPasswordStrengthEstimator } from './password-strength-estimator.js';
import { passwordUserInputs } from './password-user-inputs.js';

/** Settings for `createPasswordPolicy`; defaults follow spec §7.5. */
export interface PasswordPolicyOptions {
  /** Minimum length in characters (code points). */
  minLength?: number;
  /** Upper bound, so a megabyte "password" cannot tie up the strength estimator or the hasher. */
  maxLength?: number;
  /** How many of upper, lower, digit, symbol must appear. */
  minClasses?: number;
  /** Minimum zxcvbn score, 0–4. */
  minScore?: number;
  /** How many previous hashes a new password may not match. */
  historyCount?: number;
}

/** Who the password belongs to, so it can be checked for leaning on their own details. */
export interface PasswordCheckContext {
  email?: string;
  /** Further personal words (name, tenant name…). */
  userInputs?: readonly string[];
}

/** The outcome of a policy check: `problems` holds user-facing sentences, empty when `ok`. */
export interface PasswordCheckResult {
  ok: boolean;
  problems: string[];
}

/** The password rules of spec §7.5: length, character classes, zxcvbn strength and history. */
export interface PasswordPolicy {
  readonly historyCount: number;
  /** Checks a candidate password and lists every rule it breaks. */
  check(password: string, context?: PasswordCheckContext): PasswordCheckResult;
  /** Throws `AppError('BadRequest')` with `details.problems` unless the password passes `check`. */
  assertAcceptable(password: string, context?: PasswordCheckContext): void;
  /**
   * True when `newPassword` matches one of the first `historyCount` hashes of `previousHashes`, which must
   * be ordered newest first and include the current hash.
   */
  isReused(
    newPassword: string,
    previousHashes: readonly string[],
    hasher: Pick<PasswordHasher, 'verify'>,
  ): Promise<boolean>;
}

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`Password policy ${name} must be an integer from ${min} to ${max}.`);
  }
}

/** Creates a password policy; options are validated here, the zxcvbn dictionaries load on first check. */
export function createPasswordPolicy(options: PasswordPolicyOptions = {}): PasswordPolicy {
  const { minLength = 14, maxLength = 256, minClasses = 2, minScore = 3, historyCount = 5 } = options;
  requireInteger('minLength', minLength, 1, 1024);
  requireInteger('maxLength', maxLength, minLength, 4096);
  requireInteger('minClasses', minClasses, 1, 4);
  requireInteger('minScore', minScore, 0, 4);
  requireInteger('historyCount', historyCount, 0, 100);
  const estimator = createPasswordStrengthEstimator(maxLength);

  function check(password: string, context: PasswordCheckContext = {}): PasswordCheckResult {
    const problems: string[] = [];
    const length = [...password].length;
    if (length < minLength) {
      problems.push(`Password must be at least ${minLength} characters long.`);
    }
    if (length > maxLength) {
      problems.push(`Password must be at most ${maxLength} characters long.`);
    }
    if (characterClasses(password).size < minClasses) {
      problems.push(
        `Password must use at least ${minClasses} of: uppercase letters, lowercase letters, digits, symbols.`,
      );
    }
    if (length <= maxLength) {
      const strength = estimator.estimate(password, passwordUserInputs(context.email, context.userInputs));
      if (strength.score < minScore) {
        problems.push(
          strength.warning === null
            ? 'Password is too guessable.'
            : `Password is too guessable: ${strength.warning}`,
        );
      }
    }
    return { ok: problems.length === 0, problems };
  }

  return {
    historyCount,
    check,

    assertAcceptable(password, context) {
      const { ok, problems } = check(password, context);
      if (!ok) {
        throw new AppError('BadRequest', 'Password does not meet the policy.', { details: { problems } });
      }
    },

    async isReused(newPassword, previousHashes, hasher) {
      const recent = previousHashes.slice(0, historyCount);
      // argon2 runs on the libuv pool, so the checks proceed in parallel.
      const matches = await Promise.all(recent.map((hash) => hasher.verify(hash, newPassword)));
      return matches.includes(true);
    },
  };
}
