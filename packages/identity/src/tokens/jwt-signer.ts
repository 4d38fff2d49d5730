import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Clock } from '@starter/contracts';
import { SignJWT } from 'jose';
import type { KeyManager } from '../keys/key-manager.js';
import type { TokenUse } from './token-claims.js';
import type { TokenMetrics } from './token-metrics.js';

/** The registered claims the signer adds to every token. */
// A type alias, not an interface: it must stay assignable to the loose (index-signature) claim types.
export type RegisteredClaims = {
  iss: string;
  jti: string;
  iat: number;
  nbf: number;
  exp: number;
};

/** A freshly signed token and what the caller needs to persist or return about it. */
export interface SignedToken<C> {
  token: string;
  jti: string;
  kid: string;
  expiresAt: Date;
  claims: C;
}

export interface JwtSignerOptions {
  keys: KeyManager;
  clock: Clock;
  issuer: string;
  metrics?: TokenMetrics | undefined;
}

/** Signs a claims body with the active key. */
export type JwtSigner = <C extends { token_use: TokenUse }>(
  body: C,
  ttlSeconds: number,
) => Promise<SignedToken<C & RegisteredClaims>>;

/** Creates the signer: header `{alg:EdDSA, kid, typ:JWT}`, fresh jti, iat = nbf = now, exp = now + ttl. */
export function createJwtSigner(options: JwtSignerOptions): JwtSigner {
  const { keys, clock, issuer, metrics } = options;
  return async (body, ttlSeconds) => {
    const started = performance.now();
    try {
      const key = await keys.getSigningKey();
      const iat = Math.floor(clock.now() / 1000);
      const jti = randomUUID();
      const claims = { ...body, iss: issuer, jti, iat, nbf: iat, exp: iat + ttlSeconds };
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
        .sign(key.privateKey);
      metrics?.onSign(body.token_use, 'success', (performance.now() - started) / 1000);
      return { token, jti, kid: key.kid, expiresAt: new Date(claims.exp * 1000), claims };
    } catch (error) {
      metrics?.onSign(body.token_use, 'failure', (performance.now() - started) / 1000);
      throw error;
    }
  };
}
