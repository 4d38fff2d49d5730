import { describe, expect, it } from 'vitest';
import { createIssuanceAuthenticator } from './issuance-authenticator.js';

const body = { account: 'demo-bot', scopes: ['chat:write'], force: false };

describe('issuance authentication without vault verification', () => {
  it('accepts dev-demo only where the environment allows it', async () => {
    const allowed = createIssuanceAuthenticator({ verifier: null, devDemoAllowed: true });
    await expect(allowed({ authorization: 'Bearer dev-demo', vaultPayload: undefined }, body)).resolves.toBe(
      'dev',
    );
    const production = createIssuanceAuthenticator({ verifier: null, devDemoAllowed: false });
    await expect(
      production({ authorization: 'Bearer dev-demo', vaultPayload: undefined }, body),
    ).rejects.toMatchObject({ status: 401 });
  });

  it('refuses vault credentials when verification is off', async () => {
    const allowed = createIssuanceAuthenticator({ verifier: null, devDemoAllowed: true });
    await expect(
      allowed({ authorization: 'Bearer vault:abc', vaultPayload: 'e30' }, body),
    ).rejects.toMatchObject({ status: 401 });
  });
});
