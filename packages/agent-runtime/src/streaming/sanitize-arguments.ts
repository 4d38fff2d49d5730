import type { JsonValue, StreamNotice } from '@starter/contracts';
import { PUBLIC_SSE_LIMITS } from '@starter/contracts';
import { sanitizeJson, truncateText } from './sanitize-payload.js';

/** Tool-call arguments as the client may see them. */
export interface SanitizedArguments {
  readonly text: string;
  /** Present only when the arguments parse as JSON. */
  readonly json?: JsonValue;
  readonly notices: StreamNotice[];
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Sanitizes raw argument text (§2.6): JSON arguments are redacted and their strings cut to 4 000
 * characters, then re-serialized; the resulting text is cut to 8 000. Text that is not JSON is only cut,
 * since there are no keys to redact by.
 */
export function sanitizeArguments(raw: string): SanitizedArguments {
  const parsed = raw.trim() === '' ? { ok: false as const } : parseJson(raw);
  if (!parsed.ok) {
    const notices: StreamNotice[] = [];
    const text = truncateText(raw, PUBLIC_SSE_LIMITS.argumentsTextChars, 'arguments_text', notices);
    return { text, notices };
  }
  const { value, notices } = sanitizeJson(parsed.value, PUBLIC_SSE_LIMITS.argumentStringChars);
  const serialized = JSON.stringify(value);
  const text = truncateText(serialized, PUBLIC_SSE_LIMITS.argumentsTextChars, 'arguments_text', notices);
  return { text, json: value, notices };
}
