/**
 * Spec §2.6 sanitization limits. They live in the contract so that the projector that truncates and the
 * schemas that validate the wire agree on the same numbers. Lengths are JS string lengths (UTF-16 units).
 */
export const PUBLIC_SSE_LIMITS = {
  /** String values inside `arguments_json`. */
  argumentStringChars: 4_000,
  /** The whole sanitized `arguments_text`. */
  argumentsTextChars: 8_000,
  /** Size of each `tool.arguments.delta` chunk the buffered arguments are re-emitted in. */
  argumentsDeltaChars: 2_000,
  /** String values inside a tool `output`. */
  toolOutputStringChars: 8_000,
  /** Results kept on a `file_search` tool state. */
  fileSearchMaxResults: 10,
  /** `text` of one `file_search` result. */
  fileSearchResultTextChars: 2_000,
  /** `reason` of a `tool.approval`. */
  approvalReasonChars: 2_000,
  /** `data` of one `chunk.delta` (image partials are split at this size). */
  chunkDataChars: 131_072,
} as const;

/** Key fragments whose values are replaced by {@link REDACTED_VALUE} wherever they appear in a payload. */
export const SENSITIVE_KEY_FRAGMENTS = [
  'api_key',
  'apikey',
  'authorization',
  'token',
  'secret',
  'password',
  'passphrase',
  'bearer',
  'client_secret',
  'access_token',
  'refresh_token',
  'id_token',
] as const;

/** The value that replaces a sensitive one. */
export const REDACTED_VALUE = '<redacted>';

/**
 * True when a payload key names a secret. Matching is by substring and case-insensitive, so
 * `Authorization`, `x_api_key` and `githubToken` are all caught.
 */
export function isSensitiveKey(key: string): boolean {
  const lower = key.toLowerCase();
  return SENSITIVE_KEY_FRAGMENTS.some((fragment) => lower.includes(fragment));
}
