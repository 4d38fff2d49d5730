import { AppError } from '@starter/contracts';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { readRequestHeader } from '../node-io.js';

/**
 * Rejects requests whose `Host` is not in `allowedHosts` (spec §0 trusted hosts), so the app never answers
 * for a name it does not serve. Entries are host names without ports; `*` allows every host and
 * `*.example.com` any subdomain of example.com. Returns null when every host is allowed, so the stack
 * does not pay for a check that cannot fail.
 */
export function createTrustedHostMiddleware(
  allowedHosts: readonly string[],
): MiddlewareHandler<AppEnv> | null {
  if (allowedHosts.length === 0) throw new Error('createTrustedHostMiddleware: "allowedHosts" is empty.');
  if (allowedHosts.includes('*')) return null;
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const entry of allowedHosts) {
    const host = entry.trim().toLowerCase();
    if (host.startsWith('*.')) suffixes.push(host.slice(1));
    else exact.add(host);
  }
  const allowed = (host: string) => exact.has(host) || suffixes.some((suffix) => host.endsWith(suffix));

  return function checkHost(c, next) {
    const host = hostName(readRequestHeader(c, 'host') ?? new URL(c.req.url).host);
    if (host === null || !allowed(host)) throw new AppError('BadRequest', 'Invalid host header.');
    return next();
  };
}

/** The lower-case host name of a Host header value, without its port; null when malformed. */
export function hostName(header: string): string | null {
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end > 1 ? value.slice(1, end) : null;
  }
  const name = value.split(':')[0] ?? '';
  return name.length > 0 && /^[a-z0-9.-]+$/.test(name) ? name : null;
}
