import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from '../../settings/index.js';

const { publicKey } = generateKeyPairSync('ed25519');
const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url').toString('base64url');

function problems(env: Record<string, string>): string[] {
  try {
    loadSettings({ ENVIRONMENT: 'test', ...env });
    return [];
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    return error.issues.map((issue) => issue.variable);
  }
}

describe('service-account settings', () => {
  it('defaults to dev-demo issuance and the built-in catalog', () => {
    expect(loadSettings({ ENVIRONMENT: 'test' }).serviceAccounts).toEqual({
      vaultVerifyEnabled: false,
      issuerPublicKey: null,
      catalogPath: null,
    });
  });

  it('requires an Ed25519 issuer key when vault verification is enabled', () => {
    expect(problems({ VAULT_VERIFY_ENABLED: 'true' })).toEqual(['SERVICE_ACCOUNT_ISSUER_PUBLIC_KEY']);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    const rsaPem = rsa.export({ format: 'pem', type: 'spki' }).toString();
    expect(problems({ VAULT_VERIFY_ENABLED: 'true', SERVICE_ACCOUNT_ISSUER_PUBLIC_KEY: rsaPem })).toEqual([
      'SERVICE_ACCOUNT_ISSUER_PUBLIC_KEY',
    ]);
    expect(problems({ SERVICE_ACCOUNT_ISSUER_PUBLIC_KEY: 'not a key' })).toEqual([
      'SERVICE_ACCOUNT_ISSUER_PUBLIC_KEY',
    ]);
  });

  it('accepts the key as PEM (escaped newlines too) or base64url of the raw key', () => {
    for (const key of [pem, pem.replace(/\n/g, '\\n'), raw]) {
      expect(problems({ VAULT_VERIFY_ENABLED: 'true', SERVICE_ACCOUNT_ISSUER_PUBLIC_KEY: key })).toEqual([]);
    }
  });
});
