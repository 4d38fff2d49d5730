import { AppError } from '@starter/contracts';
import { constantTimeEqual, type IssueServiceAccountBody } from '@starter/identity';
import { bearerToken, notAuthenticated } from '../../auth/index.js';
import type { IssuanceSource } from './service-account-metrics.js';
import type { VaultVerifier } from './vault-verifier.js';

/** The machine credentials of `POST /issue`. */
export interface IssuanceCredentials {
  authorization: string | undefined;
  vaultPayload: string | undefined;
}

/** Authenticates an issuance request against its body; returns how it was authenticated. */
export type IssuanceAuthenticator = (
  credentials: IssuanceCredentials,
  body: IssueServiceAccountBody,
) => Promise<IssuanceSource>;

const DEV_DEMO_TOKEN = 'dev-demo';
const VAULT_PREFIX = 'vault:';

/**
 * With a verifier (VAULT_VERIFY_ENABLED=true) only vault-signed requests pass. Without one, the fixed
 * `dev-demo` bearer passes only where `devDemoAllowed` (development and test), so a deployment that
 * forgets to enable verification refuses issuance instead of handing out tokens to anyone.
 */
export function createIssuanceAuthenticator(options: {
  verifier: VaultVerifier | null;
  devDemoAllowed: boolean;
}): IssuanceAuthenticator {
  const { verifier, devDemoAllowed } = options;
  return async (credentials, body) => {
    const token = bearerToken(credentials.authorization);
    if (token === null) throw notAuthenticated();
    if (verifier !== null) {
      if (!token.startsWith(VAULT_PREFIX))
        throw new AppError('Unauthorized', 'Vault-signed issuance is required.');
      await verifier(token.slice(VAULT_PREFIX.length), credentials.vaultPayload, body);
      return 'vault';
    }
    if (!devDemoAllowed || !constantTimeEqual(token, DEV_DEMO_TOKEN)) {
      throw new AppError('Unauthorized', 'Service-account issuance credentials were not accepted.');
    }
    return 'dev';
  };
}
