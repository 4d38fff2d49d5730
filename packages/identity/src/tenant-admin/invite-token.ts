import { randomBytes } from 'node:crypto';
import { hmacSha256Hex } from '../crypto/hmac-sha256.js';

/** A freshly minted invite token: the token is returned to the caller once; only hash and hint are stored. */
export interface MintedInviteToken {
  token: string;
  hash: string;
  hint: string;
}

const HINT_LENGTH = 6;

/** The stored lookup value of an invite token: HMAC-SHA256(pepper, token), so a database leak yields no tokens. */
export function hashInviteToken(pepper: string, token: string): string {
  return hmacSha256Hex(pepper, token);
}

/** Mints a 256-bit invite token, its peppered hash and a short hint that identifies it in lists. */
export function mintInviteToken(pepper: string): MintedInviteToken {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashInviteToken(pepper, token), hint: `${token.slice(0, HINT_LENGTH)}…` };
}
