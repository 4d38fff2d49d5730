const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID string; ids from requests are checked before they reach a `uuid` column (22P02). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
