import { AppError } from '@starter/contracts';

/** Why a token was rejected; server-side only (logs), never part of the response message. */
export type TokenRejectionReason =
  | 'malformed'
  | 'algorithm'
  | 'unknown_kid'
  | 'signature'
  | 'expired'
  | 'claims'
  | 'token_use';

/** The internal cause carried by a token rejection, for logs. */
export class TokenRejection extends Error {
  override readonly name = 'TokenRejection';
  readonly reason: TokenRejectionReason;

  constructor(reason: TokenRejectionReason, cause?: unknown) {
    super(`token rejected: ${reason}`, cause === undefined ? undefined : { cause });
    this.reason = reason;
  }
}

/** The one message every rejected token gets, whatever check failed. */
export const INVALID_TOKEN_MESSAGE = 'Could not validate credentials.';

/**
 * The 401 for a rejected token. Clients only learn "expired" (which is reported solely after the
 * signature verified, so it is no oracle) versus "invalid"; the precise reason stays in `cause`.
 */
export function invalidTokenError(reason: TokenRejectionReason, cause?: unknown): AppError {
  return new AppError('Unauthorized', INVALID_TOKEN_MESSAGE, {
    headers: { 'WWW-Authenticate': 'Bearer' },
    details: { reason: reason === 'expired' ? 'expired' : 'invalid' },
    cause: new TokenRejection(reason, cause),
  });
}
