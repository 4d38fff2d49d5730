import type { Context } from 'hono';
import type { AppBindings } from './app-env.js';

// Reading and writing through Node's own objects when @hono/node-server runs the app is both cheaper
// (no WHATWG `Headers` built from the raw request) and keeps the server's fast path: a header set on
// `outgoing` is merged by `writeHead`, whereas changing the `Response` after the handler built it
// forces @hono/node-server to materialise and stream a real `Response` (~4x slower).

function bindings(c: Context): AppBindings | undefined {
  return c.env as AppBindings | undefined;
}

/** True when @hono/node-server runs this request (its Node objects are available). */
export function hasNodeRequest(c: Context): boolean {
  return bindings(c)?.incoming !== undefined;
}

/** A request header by lower-case name; the first value when repeated. */
export function readRequestHeader(c: Context, lowerCaseName: string): string | undefined {
  const incoming = bindings(c)?.incoming;
  if (incoming === undefined) return c.req.header(lowerCaseName);
  const value = incoming.headers[lowerCaseName];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Sets a response header without touching the `Response` the handler returns, before or after
 * `await next()`. Without a Node response (tests via `app.request()`), falls back to `c.header`.
 */
export function setResponseHeader(c: Context, name: string, value: string): void {
  const outgoing = bindings(c)?.outgoing;
  if (outgoing === undefined) c.header(name, value);
  else if (!outgoing.headersSent) outgoing.setHeader(name, value);
}

/** Adds a value to a list-valued response header such as `Vary`. */
export function appendResponseHeader(c: Context, name: string, value: string): void {
  const outgoing = bindings(c)?.outgoing;
  if (outgoing === undefined) {
    c.header(name, value, { append: true });
    return;
  }
  if (outgoing.headersSent) return;
  const current = outgoing.getHeader(name);
  outgoing.setHeader(name, current === undefined ? value : `${String(current)}, ${value}`);
}
