import type { SecretBox } from '../crypto/secret-box.js';
import { verifyTotp } from '../mfa/totp.js';
import type { MfaMethodRow } from '../schema/identity-database.js';

/** Encrypts a TOTP secret bound to its method id, so a sealed value copied to another row fails to open. */
export function sealTotpSecret(box: SecretBox, methodId: string, secret: string): string {
  return box.seal(secret, `mfa:${methodId}`);
}

/**
 * The time step a presented code matches on a TOTP method, or null: wrong code, replayed step, revoked
 * method, or a secret that does not open (tampered or moved between rows).
 */
export function matchTotpStep(
  box: SecretBox,
  method: MfaMethodRow,
  code: string,
  nowMs: number,
): number | null {
  if (method.method_type !== 'totp' || method.revoked_at !== null || method.secret_encrypted === null)
    return null;
  const secret = box.tryOpen(method.secret_encrypted, `mfa:${method.id}`);
  if (secret === null) return null;
  return verifyTotp(secret, code, {
    nowMs,
    ...(method.last_used_step === null ? {} : { lastUsedStep: method.last_used_step }),
  });
}
