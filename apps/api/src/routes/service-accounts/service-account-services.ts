import {
  createIssuanceBurstLimiter,
  createServiceAccountAdministration,
  createServiceAccountIssuer,
  type IssuedServiceAccountToken,
  type IssueServiceAccountBody,
  type RequestOrigin,
  recordMachineIssuance,
  type ServiceAccountAdministration,
} from '@starter/identity';
import type { AppDependencies } from '../../dependencies/index.js';
import { parseIssuerPublicKey } from '../../settings/service-account-settings.js';
import { createCatalogSource } from './catalog-source.js';
import { instrumentedIssuer } from './instrumented-issuer.js';
import { createIssuanceAuthenticator, type IssuanceAuthenticator } from './issuance-authenticator.js';
import { type IssuanceSource, serviceAccountMetrics } from './service-account-metrics.js';
import { createVaultVerifier } from './vault-verifier.js';

/** What the service-account routes run on. */
export interface ServiceAccountServices {
  authenticateIssuance: IssuanceAuthenticator;
  /**
   * Issues for an already authenticated machine caller and records it in the activity log; 503 while
   * the catalog is unavailable.
   */
  issue(
    source: IssuanceSource,
    body: IssueServiceAccountBody,
    origin: RequestOrigin,
  ): Promise<IssuedServiceAccountToken>;
  /** The SA-actor routes' service; 503 while the catalog is unavailable. */
  administration(): Promise<ServiceAccountAdministration>;
}

/**
 * Composes issuance from the identity kernel and the settings. Built once per app: the burst limiter is
 * in process and must see every issuance of this instance.
 */
export function serviceAccountServices(deps: AppDependencies): ServiceAccountServices {
  const { identity, clock, settings } = deps;
  const { serviceAccounts } = settings;
  const metrics = serviceAccountMetrics(deps.metrics.registry);
  const catalog = createCatalogSource(serviceAccounts.catalogPath, deps.logger);
  const burstLimiter = createIssuanceBurstLimiter(clock);

  const issuerFor = async () =>
    createServiceAccountIssuer({
      db: identity.db,
      clock,
      tokens: identity.tokens,
      catalog: await catalog(),
      refreshTokenPepper: settings.auth.refreshTokenPepper,
      secretBox: identity.secretBox,
      burstLimiter,
    });

  // Settings require the key when verification is on; an empty one would throw here, never fall back.
  const verifier = serviceAccounts.vaultVerifyEnabled
    ? createVaultVerifier({
        publicKey: parseIssuerPublicKey(serviceAccounts.issuerPublicKey ?? ''),
        kv: deps.kv,
        clock,
        metrics,
      })
    : null;

  return {
    authenticateIssuance: createIssuanceAuthenticator({
      verifier,
      devDemoAllowed: settings.environment === 'development' || settings.environment === 'test',
    }),
    async issue(source, body, origin) {
      const issued = await instrumentedIssuer(await issuerFor(), metrics, source)(body);
      await recordMachineIssuance(identity.activity, issued, { via: source, origin });
      return issued;
    },
    async administration() {
      const issue = instrumentedIssuer(await issuerFor(), metrics, 'browser');
      return createServiceAccountAdministration({
        db: identity.db,
        clock,
        catalog: await catalog(),
        issue,
        activity: identity.activity,
      });
    },
  };
}
