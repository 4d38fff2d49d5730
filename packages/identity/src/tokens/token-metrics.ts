import type { TokenUse } from './token-claims.js';

/** Outcome label of one signing or verification. */
export type TokenMetricResult = 'success' | 'failure';

/**
 * Hooks the app binds to prom-client (`jwt_signings_total{result,token_use}`,
 * `jwt_signing_duration_seconds`, `jwt_verifications_total`, `jwt_verification_duration_seconds`).
 */
export interface TokenMetrics {
  onSign(tokenUse: TokenUse, result: TokenMetricResult, seconds: number): void;
  onVerify(result: TokenMetricResult, seconds: number): void;
}
