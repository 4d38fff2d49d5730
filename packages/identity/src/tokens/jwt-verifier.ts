import { performance } from 'node:perf_hooks';
import type { Clock } from '@starter/contracts';
import { decodeProtectedHeader, errors, type JWTVerifyOptions, jwtVerify } from 'jose';
import type { z } from 'zod';
import type { KeyManager } from '../keys/key-manager.js';
import { invalidTokenError, type TokenRejectionReason } from './invalid-token-error.js';
import type { TokenMetrics } from './token-metrics.js';

// Far above any token we issue; stops a huge header from being base64-decoded and parsed.
const MAX_TOKEN_LENGTH = 8192;

export interface JwtVerifierOptions {
  keys: KeyManager;
  clock: Clock;
  issuer: string;
  clockToleranceSeconds?: number | undefined;
  metrics?: TokenMetrics | undefined;
}

/** What one verification expects: the claims schema (pins `token_use`) and, for access tokens, audiences. */
export interface VerifyExpectation<S extends z.ZodType> {
  schema: S;
  audience?: string[];
}

/** Verifies a compact JWT and returns its claims parsed by the expected schema. */
export type JwtVerifier = <S extends z.ZodType>(
  token: string,
  expect: VerifyExpectation<S>,
) => Promise<z.output<S>>;

function reasonFor(error: unknown): TokenRejectionReason {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature';
  if (error instanceof errors.JWTClaimValidationFailed) return 'claims';
  return 'malformed';
}

/**
 * Creates the verifier: EdDSA only, kid must be the ACTIVE key, `exp`/`iat`/`jti`/`sub` required,
 * issuer checked, audience checked when asked. Every rejection is the same generic 401; key-store
 * outages (503) propagate unchanged because they are not the token's fault.
 */
export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const { keys, clock, issuer, metrics } = options;
  const clockTolerance = options.clockToleranceSeconds ?? 0;

  async function verify<S extends z.ZodType>(
    token: string,
    expect: VerifyExpectation<S>,
  ): Promise<z.output<S>> {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      throw invalidTokenError('malformed');
    }
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch (error) {
      throw invalidTokenError('malformed', error);
    }
    // Checked before any key lookup; jose's `algorithms` allow-list below enforces it again.
    if (header.alg !== 'EdDSA') throw invalidTokenError('algorithm');
    if (typeof header.kid !== 'string') throw invalidTokenError('unknown_kid');
    const key = await keys.getVerificationKey(header.kid);
    if (key === null) throw invalidTokenError('unknown_kid');

    const verifyOptions: JWTVerifyOptions = {
      algorithms: ['EdDSA'],
      issuer,
      typ: 'JWT',
      requiredClaims: ['exp', 'iat', 'jti', 'sub'],
      currentDate: clock.date(),
      clockTolerance,
    };
    if (expect.audience !== undefined) verifyOptions.audience = expect.audience;

    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, key, verifyOptions));
    } catch (error) {
      throw invalidTokenError(reasonFor(error), error);
    }
    const parsed = expect.schema.safeParse(payload);
    if (!parsed.success) {
      const wrongUse = parsed.error.issues.some((issue) => issue.path[0] === 'token_use');
      throw invalidTokenError(wrongUse ? 'token_use' : 'claims', parsed.error);
    }
    return parsed.data;
  }

  return async (token, expect) => {
    const started = performance.now();
    try {
      const claims = await verify(token, expect);
      metrics?.onVerify('success', (performance.now() - started) / 1000);
      return claims;
    } catch (error) {
      metrics?.onVerify('failure', (performance.now() - started) / 1000);
      throw error;
    }
  };
}
