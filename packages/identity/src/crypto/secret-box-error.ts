/** Why a sealed value could not be opened. */
export type SecretBoxFailure = 'malformed' | 'unsupported_version' | 'authentication_failed';

/**
 * Thrown by `SecretBox.open`. Deliberately not an `AppError`: a value that fails to open is a server-side
 * integrity problem, so the app's error handler reports a generic 500 and the reason stays in logs.
 */
export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
  readonly reason: SecretBoxFailure;

  constructor(reason: SecretBoxFailure) {
    super(`Sealed value could not be opened (${reason}).`);
    this.reason = reason;
  }
}
