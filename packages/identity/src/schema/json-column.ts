import type { JsonValue } from '@starter/contracts';
import type { ColumnType } from 'kysely';

declare const jsonTextOf: unique symbol;

/**
 * JSON text that will be stored in a `jsonb` column of type `T`. Values go in as text because the `pg`
 * driver would turn a JS array into a Postgres array literal, not JSON; `jsonText` is the only way to
 * make one, so a column can only receive JSON of its own shape.
 */
export type JsonText<T> = string & { readonly [jsonTextOf]: T };

/** A `jsonb` column read as `T` and written as `JsonText<T>`. */
export type JsonColumn<T> = ColumnType<T, JsonText<T>, JsonText<T>>;

/** A `jsonb` column with a database default, so inserts may omit it. */
export type JsonColumnWithDefault<T> = ColumnType<T, JsonText<T> | undefined, JsonText<T>>;

/** A JSON object, as stored in `jsonb` metadata columns. */
export type JsonObject = { [key: string]: JsonValue };

/** Serialises a value for a `jsonb` column of the same type. */
export function jsonText<T extends JsonValue | readonly JsonValue[]>(value: T): JsonText<T> {
  return JSON.stringify(value) as JsonText<T>;
}
