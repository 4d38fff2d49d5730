/** What the Redis store may say about its URL: a host description and a scrubber for secrets. */
export interface RedisUrlInfo {
  /** `redis://host:port/db` without credentials, safe for logs. */
  safeTarget: string;
  /** Removes the URL's password (raw and decoded) from any text. */
  redact(text: string): string;
}

/** Parses a Redis URL for logging without ever repeating its password. */
export function describeRedisUrl(url: string): RedisUrlInfo {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  const secrets = new Set<string>();
  if (parsed?.password) {
    secrets.add(parsed.password);
    secrets.add(safeDecode(parsed.password));
  }
  // A URL that does not parse is treated as all secret rather than risk echoing a password.
  if (parsed === undefined && url.length > 0) secrets.add(url);
  const redact = (text: string) => {
    let result = text;
    for (const secret of secrets) {
      if (secret.length > 0) result = result.split(secret).join('***');
    }
    return result;
  };
  const safeTarget =
    parsed === undefined ? 'redis (unparseable URL)' : `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  return { safeTarget, redact };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
