import { z } from 'zod';

/** The kid format of every signing key: `ed25519-` and 12 random hex digits. */
export const KID_PATTERN = /^ed25519-[0-9a-f]{12}$/;

const isoDate = z.iso.datetime({ offset: true });

/** The public half of a signing key as published in the JWKS. */
export const PublicJwkSchema = z.strictObject({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  kid: z.string().regex(KID_PATTERN),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  use: z.literal('sig'),
  alg: z.literal('EdDSA'),
});
export type PublicJwk = z.infer<typeof PublicJwkSchema>;

/** One Ed25519 key of the keyset: private key as PKCS8 PEM, public key as a JWK. */
export const SigningKeyRecordSchema = z
  .object({
    kid: z.string().regex(KID_PATTERN),
    private_key: z.string().startsWith('-----BEGIN PRIVATE KEY-----'),
    public_jwk: PublicJwkSchema,
    created_at: isoDate,
    not_before: isoDate,
    // Null means "until rotated": rotation is an operator action, so keys carry no forced expiry.
    not_after: isoDate.nullable(),
  })
  .refine((key) => key.public_jwk.kid === key.kid, { message: 'public_jwk.kid must equal kid' });
export type SigningKeyRecord = z.infer<typeof SigningKeyRecordSchema>;

/** The persisted keyset (spec §7.2): the active signing key and the published next key. */
export const KeysetSchema = z
  .object({
    schema_version: z.literal(1),
    active: SigningKeyRecordSchema,
    next: SigningKeyRecordSchema.nullable(),
  })
  .refine((keyset) => keyset.next === null || keyset.next.kid !== keyset.active.kid, {
    message: 'next.kid must differ from active.kid',
  });
export type Keyset = z.infer<typeof KeysetSchema>;
