import { AppError } from '@starter/contracts';

/** The spec §0 answer to a request without a usable bearer token. */
export function notAuthenticated(): AppError {
  return new AppError('Unauthorized', 'Not authenticated', { headers: { 'WWW-Authenticate': 'Bearer' } });
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive); null otherwise. */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const space = header.indexOf(' ');
  if (space === -1 || header.slice(0, space).toLowerCase() !== 'bearer') return null;
  const token = header.slice(space + 1).trim();
  return token === '' ? null : token;
}
