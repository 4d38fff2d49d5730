import { AppError } from '@starter/contracts';

/** Inputs for an `otpauth://` enrolment URI. */
export interface OtpauthUrlInput {
  /** The base32 TOTP secret. */
  secret: string;
  /** Usually the user's email. */
  accountName: string;
  issuer?: string;
}

/**
 * The Key URI Format string authenticator apps scan from a QR code:
 * `otpauth://totp/<issuer>:<account>?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30`.
 */
export function otpauthUrl({ secret, accountName, issuer = 'OpenAI-Agent' }: OtpauthUrlInput): string {
  // The label's colon separates issuer from account, so neither may contain one (Key URI Format).
  if (issuer.includes(':') || accountName.includes(':')) {
    throw new AppError('BadRequest', 'The issuer and account name must not contain a colon.');
  }
  if (issuer.length === 0 || accountName.length === 0) {
    throw new AppError('BadRequest', 'The issuer and account name must not be empty.');
  }
  // encodeURIComponent rather than URLSearchParams: some authenticators do not read `+` as a space.
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName)}`;
  const query = [
    `secret=${encodeURIComponent(secret)}`,
    `issuer=${encodeURIComponent(issuer)}`,
    'algorithm=SHA1',
    'digits=6',
    'period=30',
  ].join('&');
  return `otpauth://totp/${label}?${query}`;
}
