import { createPublicKey, type KeyObject } from 'node:crypto';
import { envBoolean, envOptionalString } from './env-values.js';
import type { SettingsIssue } from './settings-error.js';
import type { ParsedEnv } from './settings-schema.js';

/** Service-account issuance (spec §1.7, §7.7, §7.11). */
export interface ServiceAccountSettings {
  /** VAULT_VERIFY_ENABLED: issuance needs a signed payload; off accepts `Bearer dev-demo` in dev/test only. */
  vaultVerifyEnabled: boolean;
  /** SERVICE_ACCOUNT_ISSUER_PUBLIC_KEY: the Ed25519 key that signs issuance payloads (PEM or base64url). */
  issuerPublicKey: string | null;
  /** SERVICE_ACCOUNT_CATALOG_PATH: a JSON catalog file; null uses the built-in catalog. */
  catalogPath: string | null;
}

/** The variables of this feature, merged into the settings schema. */
export const serviceAccountEnvShape = {
  VAULT_VERIFY_ENABLED: envBoolean(false),
  SERVICE_ACCOUNT_ISSUER_PUBLIC_KEY: envOptionalString(),
  SERVICE_ACCOUNT_CATALOG_PATH: envOptionalString(),
};

const RAW_ED25519_KEY_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * Parses the issuer key: PEM (SPKI), or base64url of either the raw 32-byte key or its DER SPKI form.
 * Throws when it is not an Ed25519 public key.
 */
export function parseIssuerPublicKey(value: string): KeyObject {
  // Env files often carry PEM with escaped newlines.
  const text = value.trim().replace(/\\n/g, '\n');
  let key: KeyObject;
  if (text.startsWith('-----BEGIN')) {
    key = createPublicKey(text);
  } else {
    if (!BASE64URL.test(text)) throw new TypeError('not base64url');
    const bytes = Buffer.from(text, 'base64url');
    key =
      bytes.length === RAW_ED25519_KEY_BYTES
        ? createPublicKey({
            key: { kty: 'OKP', crv: 'Ed25519', x: bytes.toString('base64url') },
            format: 'jwk',
          })
        : createPublicKey({ key: bytes, format: 'der', type: 'spki' });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('not an Ed25519 key');
  return key;
}

/** The `serviceAccounts` section of the settings. */
export function buildServiceAccountSettings(env: ParsedEnv): ServiceAccountSettings {
  return {
    vaultVerifyEnabled: env.VAULT_VERIFY_ENABLED,
    issuerPublicKey: env.SERVICE_ACCOUNT_ISSUER_PUBLIC_KEY ?? null,
    catalogPath: env.SERVICE_ACCOUNT_CATALOG_PATH ?? null,
  };
}

/** Verification needs a usable key; a bad key is a startup error rather than a 401 on every request. */
export function serviceAccountCrossChecks(env: ParsedEnv): SettingsIssue[] {
  const key = env.SERVICE_ACCOUNT_ISSUER_PUBLIC_KEY;
  if (key === undefined) {
    return env.VAULT_VERIFY_ENABLED
      ? [
          {
            variable: 'SERVICE_ACCOUNT_ISSUER_PUBLIC_KEY',
            reason: 'is required when VAULT_VERIFY_ENABLED=true',
          },
        ]
      : [];
  }
  try {
    parseIssuerPublicKey(key);
    return [];
  } catch {
    return [
      {
        variable: 'SERVICE_ACCOUNT_ISSUER_PUBLIC_KEY',
        reason: 'must be an Ed25519 public key (PEM, or base64url of the raw key or its DER SPKI form)',
      },
    ];
  }
}
