import { z } from '@hono/zod-openapi';
import { offsetPage } from '@starter/contracts';

const timestamp = z.string().openapi({ format: 'date-time' });

/** The 201 answer of both issuance routes: the refresh token, once. */
export const IssuedServiceAccountTokenSchema = z
  .object({
    account: z.string(),
    refresh_token: z.string(),
    jti: z.string(),
    kid: z.string(),
    scopes: z.array(z.string()),
    tenant_id: z.string().nullable(),
    fingerprint: z.string().nullable(),
    issued_at: timestamp,
    expires_at: timestamp,
    reused: z.boolean().openapi({ description: 'True when the active token was returned (not forced).' }),
  })
  .openapi('IssuedServiceAccountToken');

/** A service-account token as listed (never the token itself). */
export const ServiceAccountTokenSchema = z
  .object({
    jti: z.string(),
    account: z.string(),
    tenant_id: z.string().nullable(),
    scopes: z.array(z.string()),
    fingerprint: z.string().nullable(),
    signing_kid: z.string(),
    issued_at: timestamp,
    expires_at: timestamp,
    revoked_at: z.string().nullable().openapi({ format: 'date-time' }),
    revoked_reason: z.string().nullable(),
  })
  .openapi('ServiceAccountToken');

/** `GET /auth/service-accounts/tokens`. */
export const ServiceAccountTokenPageSchema =
  offsetPage(ServiceAccountTokenSchema).openapi('ServiceAccountTokenPage');

/** `{jti}` of the revoke route. */
export const TokenJtiParamSchema = z.object({ jti: z.string().min(1).max(128) });

/** The vault payload header of `POST /issue` (documented; checked by the verifier). */
export const IssueHeadersSchema = z.object({
  'x-vault-payload': z
    .string()
    .optional()
    .openapi({ description: 'base64url JSON signed by the issuer key (VAULT_VERIFY_ENABLED=true).' }),
});
