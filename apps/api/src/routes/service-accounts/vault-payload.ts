import type { IssueServiceAccountBody } from '@starter/identity';
import { z } from 'zod';

/** The audience every vault issuance payload must name. */
export const VAULT_AUDIENCE = 'auth-service';

/** The signed `X-Vault-Payload` (spec §1.7); optional request fields may be absent or null. */
export const VaultPayloadSchema = z.object({
  iss: z.string().min(1).max(256),
  aud: z
    .array(z.string())
    .refine((aud) => aud.includes(VAULT_AUDIENCE), `aud must include ${VAULT_AUDIENCE}`),
  sub: z.string().min(1).max(256),
  // Bounded, key-safe characters: the nonce becomes part of a KV key.
  nonce: z.string().regex(/^[A-Za-z0-9_.:-]{8,128}$/),
  iat: z.number().int(),
  exp: z.number().int(),
  account: z.string().min(1).max(64),
  scopes: z.array(z.string()).min(1).max(32),
  tenant_id: z.string().nullish(),
  lifetime_minutes: z.number().int().nullish(),
  fingerprint: z.string().nullish(),
});
export type VaultPayload = z.infer<typeof VaultPayloadSchema>;

const scopeSet = (scopes: readonly string[]) => [...new Set(scopes)].sort().join(' ');

/** The first request field the signed payload does not authorize, or null when everything matches. */
export function payloadMismatch(payload: VaultPayload, body: IssueServiceAccountBody): string | null {
  if (payload.account !== body.account) return 'account';
  if ((payload.tenant_id ?? null) !== (body.tenant_id ?? null)) return 'tenant_id';
  if (scopeSet(payload.scopes) !== scopeSet(body.scopes)) return 'scopes';
  if ((payload.lifetime_minutes ?? null) !== (body.lifetime_minutes ?? null)) return 'lifetime_minutes';
  if ((payload.fingerprint ?? null) !== (body.fingerprint ?? null)) return 'fingerprint';
  return null;
}
