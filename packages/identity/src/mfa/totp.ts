import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { base32Decode, base32Encode } from './base32.js';

/** TOTP parameters; the defaults are the spec's (RFC 6238 with SHA-1, 30 s steps, 6 digits). */
export interface TotpParameters {
  /** Code length, 6 to 10 digits. */
  digits?: number;
  stepSeconds?: number;
}

/** Options for `verifyTotp`. */
export interface VerifyTotpOptions extends TotpParameters {
  nowMs: number;
  /** Steps accepted either side of the current one, for clock drift. */
  window?: number;
  /** The step of the last accepted code: it and earlier steps are refused, so a code works once. */
  lastUsedStep?: number;
}

const SECRET_BYTES = 20;
// RFC 4226 R6: the shared secret must be at least 128 bits.
const MIN_SECRET_BYTES = 16;

/** A new TOTP secret: 20 random bytes as unpadded base32. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(SECRET_BYTES));
}

function decodeSecret(secret: string): Buffer {
  const bytes = base32Decode(secret.replace(/\s+/g, ''));
  if (bytes === null || bytes.length < MIN_SECRET_BYTES) {
    // The secret itself is deliberately left out of the message.
    throw new Error('Invalid TOTP secret.');
  }
  return Buffer.from(bytes);
}

function resolveParameters(parameters: TotpParameters): { digits: number; stepSeconds: number } {
  const { digits = 6, stepSeconds = 30 } = parameters;
  if (!Number.isInteger(digits) || digits < 6 || digits > 10) {
    throw new RangeError('TOTP digits must be an integer from 6 to 10.');
  }
  if (!Number.isInteger(stepSeconds) || stepSeconds <= 0) {
    throw new RangeError('TOTP step must be a positive whole number of seconds.');
  }
  return { digits, stepSeconds };
}

function hotp(key: Buffer, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', key).update(message).digest();
  // RFC 4226 §5.3 dynamic truncation.
  const offset = (digest[digest.length - 1] ?? 0) & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return (binary % 10 ** digits).toString().padStart(digits, '0');
}

/** The time step (counter) that `atMs` falls in. */
export function totpStep(atMs: number, stepSeconds = 30): number {
  return Math.floor(atMs / 1000 / stepSeconds);
}

/** The TOTP code for a base32 secret at a given time. Throws on an invalid secret. */
export function totpCode(secret: string, atMs: number, parameters: TotpParameters = {}): string {
  const { digits, stepSeconds } = resolveParameters(parameters);
  if (!Number.isFinite(atMs) || atMs < 0) {
    throw new RangeError('TOTP time must be a non-negative number of milliseconds.');
  }
  return hotp(decodeSecret(secret), totpStep(atMs, stepSeconds), digits);
}

/**
 * Checks a presented code against the steps within `window` of now. Returns the matched step (store it
 * as the next `lastUsedStep` to refuse replays) or null. Throws on an invalid stored secret.
 */
export function verifyTotp(secret: string, code: string, options: VerifyTotpOptions): number | null {
  const { digits, stepSeconds } = resolveParameters(options);
  const { nowMs, window = 1, lastUsedStep } = options;
  if (!Number.isInteger(window) || window < 0 || window > 10) {
    throw new RangeError('TOTP window must be an integer from 0 to 10.');
  }
  if (!Number.isFinite(nowMs) || nowMs < 0) {
    throw new RangeError('TOTP time must be a non-negative number of milliseconds.');
  }
  const key = decodeSecret(secret);
  const presented = code.replace(/[\s-]/g, '');
  if (!new RegExp(`^\\d{${digits}}$`).test(presented)) {
    return null;
  }
  const presentedBytes = Buffer.from(presented, 'utf8');
  const current = totpStep(nowMs, stepSeconds);
  let matched: number | null = null;
  // Every candidate is computed and compared, so timing does not reveal which step matched.
  for (let step = current - window; step <= current + window; step += 1) {
    if (step < 0) {
      continue;
    }
    const expected = Buffer.from(hotp(key, step, digits), 'utf8');
    if (timingSafeEqual(expected, presentedBytes) && matched === null) {
      matched = step;
    }
  }
  if (matched === null || (lastUsedStep !== undefined && matched <= lastUsedStep)) {
    return null;
  }
  return matched;
}
