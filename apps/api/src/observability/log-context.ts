import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields every log line written inside a request (or task) carries: spec §10.1 context fields. */
export type LogContextFields = Record<string, unknown>;

// The one module-level instance of the app, on purpose: an AsyncLocalStorage is keyed by the async
// context, not by the instance, so a second one isolates nothing and only doubles the promise-hook cost
// that Node 20 pays per store. Packages bind fields through the functions below, never through it.
const storage = new AsyncLocalStorage<LogContextFields>();

/**
 * Runs `fn` with `fields` as the log context of everything it does, sync or async. The object itself
 * becomes the store (no copy), so set it up once per request and extend it with `bindLogContext`.
 */
export function runWithLogContext<T, A extends unknown[]>(
  fields: LogContextFields,
  fn: (...args: A) => T,
  ...args: A
): T {
  // Arguments are forwarded so a hot caller need not allocate a closure per request.
  return storage.run(fields, fn, ...args);
}

/**
 * Adds fields (e.g. `tenant_id`, `user_id`) to the current log context, visible to every line logged
 * after this call in the same request. Returns false when called outside any context.
 */
export function bindLogContext(fields: LogContextFields): boolean {
  const store = storage.getStore();
  if (store === undefined) return false;
  Object.assign(store, fields);
  return true;
}

/** The current log context, or undefined outside one. Callers must not mutate it directly. */
export function getLogContext(): Readonly<LogContextFields> | undefined {
  return storage.getStore();
}
