import { z } from 'zod';
import type { JsonValue } from '../errors/app-error.js';

/**
 * A JSON value whose every string (at any depth) is at most `maxStringChars` long: the shape of a
 * sanitized tool payload, whose strings the projector truncates (§2.6).
 */
export function boundedJson(maxStringChars: number): z.ZodType<JsonValue> {
  const value: z.ZodType<JsonValue> = z.lazy(() =>
    z.union([
      z.string().max(maxStringChars),
      z.number(),
      z.boolean(),
      z.null(),
      z.array(value),
      z.record(z.string(), value),
    ]),
  );
  return value;
}
