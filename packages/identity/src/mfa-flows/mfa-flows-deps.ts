import type { Clock, Logger } from '@starter/contracts';
import type { Kysely } from 'kysely';
import type { ActivityRecorder } from '../activity/activity-recorder.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { FlowRateLimiter } from '../password-flows/rate-limit-port.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import type { IssueSession } from '../session-issuing/session-issuer.js';
import type { TokenService } from '../tokens/token-service.js';

/** Dependencies of `createMfaFlows`. */
export interface MfaFlowsDeps {
  db: Kysely<IdentityDatabase>;
  clock: Clock;
  /** Encrypts TOTP secrets at rest (key `AUTH_SESSION_ENCRYPTION_KEY`). */
  secretBox: SecretBox;
  /** `SECRET_KEY`, the key of the recovery code hashes (spec §7.4). */
  secretKeyForRecoveryCodes: string;
  tokens: Pick<TokenService, 'verifyMfaChallengeToken'>;
  issueSession: IssueSession;
  rateLimiter: FlowRateLimiter;
  logger: Logger;
  /** Issuer shown in authenticator apps; "OpenAI-Agent" by default (spec §1.4). */
  totpIssuer?: string;
  /** `MFA_VERIFY_RATE_LIMIT_PER_HOUR`; 10 by default, the per-IP limit is twice it. */
  verifyLimitPerHour?: number;
  /** The tenant activity log (spec §10.3); logins completed here are not logged there without one. */
  activity?: ActivityRecorder;
}
