import { AppError } from '@starter/contracts';

/** Longest signed URL lifetime, in seconds (the S3 SigV4 limit of seven days). */
export const MAX_SIGNED_URL_SECONDS = 604_800;

/** Returns the lifetime when it is a whole number of seconds in 1..7 days, else throws `BadRequest`. */
export function assertValidExpiresIn(expiresInSeconds: number): number {
  if (
    !Number.isInteger(expiresInSeconds) ||
    expiresInSeconds < 1 ||
    expiresInSeconds > MAX_SIGNED_URL_SECONDS
  ) {
    throw new AppError(
      'BadRequest',
      `Signed URL lifetime must be a whole number of seconds between 1 and ${MAX_SIGNED_URL_SECONDS}.`,
    );
  }
  return expiresInSeconds;
}

/** Returns the list limit when absent or a positive integer, else throws `BadRequest`. */
export function assertValidListLimit(limit: number | undefined): number | undefined {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new AppError('BadRequest', 'List limit must be a positive integer.');
  }
  return limit;
}

/** Returns the method when it is `GET` or `PUT`, else throws `BadRequest`. */
export function assertSignableMethod(method: string): 'GET' | 'PUT' {
  if (method !== 'GET' && method !== 'PUT') {
    throw new AppError('BadRequest', 'Signed URLs support only GET and PUT.');
  }
  return method;
}
