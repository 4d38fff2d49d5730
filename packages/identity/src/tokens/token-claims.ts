import { z } from 'zod';

/** The `token_use` claim values this service issues. */
export type TokenUse = 'access' | 'refresh' | 'mfa_challenge';

const registered = {
  iss: z.string().min(1),
  jti: z.string().min(1),
  iat: z.number().int(),
  nbf: z.number().int(),
  exp: z.number().int(),
};
const userSubject = z.string().regex(/^user:.+$/);
const scope = z.string().default('');

// Loose objects: verified claims are echoed back (`/auth/me`), so unknown claims are kept, not dropped.

/** Claims of a verified access token (spec §7.1). */
export const AccessTokenClaimsSchema = z.looseObject({
  ...registered,
  sub: userSubject,
  token_use: z.literal('access'),
  aud: z.union([z.string(), z.array(z.string())]),
  tenant_id: z.string().optional(),
  roles: z.array(z.string()).default([]),
  scope,
  // Optional on purpose: the spec lets tokens without the claim pass the email-verified gate.
  email_verified: z.boolean().optional(),
  sid: z.string().min(1),
});
export type AccessTokenClaims = z.infer<typeof AccessTokenClaimsSchema>;

/** Claims of a verified user refresh token: `account` equals the `user:<uuid>` subject. */
export const UserRefreshTokenClaimsSchema = z
  .looseObject({
    ...registered,
    sub: userSubject,
    account: userSubject,
    token_use: z.literal('refresh'),
    tenant_id: z.string().optional(),
    scope,
    email_verified: z.boolean().optional(),
    sid: z.string().min(1),
  })
  .refine((claims) => claims.account === claims.sub, { message: 'account must equal sub' });
export type UserRefreshTokenClaims = z.infer<typeof UserRefreshTokenClaimsSchema>;

/** Claims of a verified service-account refresh token: subject `service-account:<account>`. */
export const ServiceAccountRefreshTokenClaimsSchema = z
  .looseObject({
    ...registered,
    sub: z.string().regex(/^service-account:.+$/),
    account: z.string().min(1),
    token_use: z.literal('refresh'),
    tenant_id: z.string().optional(),
    fingerprint: z.string().optional(),
    scope,
  })
  .refine((claims) => claims.sub === `service-account:${claims.account}`, {
    message: 'sub must be service-account:<account>',
  });
export type ServiceAccountRefreshTokenClaims = z.infer<typeof ServiceAccountRefreshTokenClaimsSchema>;

/** Either kind of refresh token; tell them apart with `isServiceAccountRefresh`. */
export const RefreshTokenClaimsSchema = z.union([
  UserRefreshTokenClaimsSchema,
  ServiceAccountRefreshTokenClaimsSchema,
]);
export type RefreshTokenClaims = UserRefreshTokenClaims | ServiceAccountRefreshTokenClaims;

/** True when refresh claims belong to a service account rather than a user. */
export function isServiceAccountRefresh(
  claims: RefreshTokenClaims,
): claims is ServiceAccountRefreshTokenClaims {
  return claims.sub.startsWith('service-account:');
}

/** Claims of a verified MFA challenge token (the 202 login response). */
export const MfaChallengeTokenClaimsSchema = z.looseObject({
  ...registered,
  sub: userSubject,
  token_use: z.literal('mfa_challenge'),
  tenant_id: z.string().optional(),
  sid: z.string().min(1),
  login_reason: z.string().min(1),
});
export type MfaChallengeTokenClaims = z.infer<typeof MfaChallengeTokenClaimsSchema>;
