import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '@starter/contracts';
import { HTTPException } from 'hono/http-exception';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindLogContext } from '../observability/log-context.js';
import { createLogger } from '../observability/logger.js';
import { createMetrics } from '../observability/metrics.js';
import type { AppEnv } from './app-env.js';
import { validationHook } from './errors/validation-hook.js';
import { applyHttpStack } from './http-stack.js';

const PROCESS_TIME = /^\d+\.\d{4}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function buildApp() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'info',
    service: 'api-service',
    environment: 'test',
    version: '1.0.0',
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });
  const metrics = createMetrics();
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  applyHttpStack(app, {
    logger,
    metrics,
    cors: {
      origins: ['http://localhost:3000'],
      methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      headers: ['*'],
    },
    maxBodyBytes: 64,
  });

  app.get('/ok', (c) => {
    c.get('logger').info({ event: 'handler.ran', authorization: 'Bearer secret-token' });
    return c.json({ ok: true });
  });
  app.get('/bound', (c) => {
    bindLogContext({ tenant_id: 'tenant-1' });
    return c.json({ ok: true });
  });
  app.get('/app-error', () => {
    throw new AppError('TooManyRequests', 'Slow down.', {
      details: { quota: 'chat' },
      headers: { 'Retry-After': '30' },
    });
  });
  app.get('/unauthorized', () => {
    throw new AppError('Unauthorized', 'Not authenticated', { headers: { 'WWW-Authenticate': 'Bearer' } });
  });
  app.get('/http-exception', () => {
    throw new HTTPException(409, { message: 'Already there.' });
  });
  app.get('/boom', () => {
    throw new Error('database password=hunter2 at 10.0.0.7');
  });
  app.post('/raw-json', async (c) => c.json(await c.req.json()));
  app.post('/echo', async (c) => c.json({ length: (await c.req.text()).length }));
  app.delete('/items/:id', (c) => c.json({ deleted: c.req.param('id') }));
  app.get('/storage/local/*', (c) => c.json({ path: c.req.path }));
  app.openapi(
    createRoute({
      method: 'post',
      path: '/things/{id}',
      request: {
        params: z.object({ id: z.string().regex(/^\d+$/) }),
        body: { content: { 'application/json': { schema: z.object({ name: z.string().min(2) }) } } },
      },
      responses: { 200: { description: 'ok' } },
    }),
    (c) => c.json({ id: c.req.valid('param').id, name: c.req.valid('json').name }, 200),
  );
  return { app, lines, metrics };
}

describe('applyHttpStack (app.request)', () => {
  it('sets X-Request-ID, X-Correlation-ID and X-Process-Time', async () => {
    const { app } = buildApp();
    const res = await app.request('/ok');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(UUID);
    expect(res.headers.get('x-correlation-id')).toMatch(UUID);
    expect(res.headers.get('x-request-id')).not.toBe(res.headers.get('x-correlation-id'));
    expect(res.headers.get('x-process-time')).toMatch(PROCESS_TIME);
  });

  it('keeps well-formed incoming ids and replaces malformed ones', async () => {
    const { app } = buildApp();
    const kept = await app.request('/ok', {
      headers: { 'X-Request-ID': 'abc.DEF_1-2', 'X-Correlation-ID': 'corr-9' },
    });
    expect(kept.headers.get('x-request-id')).toBe('abc.DEF_1-2');
    expect(kept.headers.get('x-correlation-id')).toBe('corr-9');
    const replaced = await app.request('/ok', {
      headers: { 'X-Request-ID': 'bad id\twith spaces', 'X-Correlation-ID': 'x'.repeat(129) },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(UUID);
    expect(replaced.headers.get('x-correlation-id')).toMatch(UUID);
  });

  it('maps an AppError to its envelope, status and headers', async () => {
    const { app } = buildApp();
    const res = await app.request('/app-error');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(res.headers.get('x-request-id')).toMatch(UUID);
    expect(await res.json()).toEqual({
      success: false,
      error: 'TooManyRequests',
      message: 'Slow down.',
      details: { quota: 'chat' },
    });
    const unauthorized = await app.request('/unauthorized');
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('www-authenticate')).toBe('Bearer');
    expect(await unauthorized.json()).toMatchObject({ error: 'Unauthorized', message: 'Not authenticated' });
  });

  it('maps an HTTPException by status', async () => {
    const { app } = buildApp();
    const res = await app.request('/http-exception');
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      success: false,
      error: 'Conflict',
      message: 'Already there.',
      details: null,
    });
  });

  it('answers an unknown error with the generic 500 and logs it as http.error only', async () => {
    const { app, lines } = buildApp();
    const res = await app.request('/boom', { headers: { 'X-Request-ID': 'req-boom' } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      success: false,
      error: 'InternalServerError',
      message: 'Internal server error.',
      details: null,
    });
    expect(text).not.toContain('hunter2');
    const error = lines.find((line) => line.event === 'http.error');
    expect(error).toMatchObject({
      level: 'error',
      request_id: 'req-boom',
      exc_type: 'Error',
      status_code: 500,
    });
    expect(String(error?.exc_message)).toContain('hunter2');
    expect(String(error?.exc_traceback)).toContain('http-stack.test.ts');
    const response = lines.find((line) => line.event === 'http.response');
    expect(response).toMatchObject({ level: 'error', status_code: 500 });
  });

  it('answers malformed JSON with a 400 envelope, from a handler and from a zod-openapi route', async () => {
    const { app } = buildApp();
    const init = { method: 'POST', body: '{"name":', headers: { 'content-type': 'application/json' } };
    const raw = await app.request('/raw-json', init);
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ success: false, error: 'BadRequest' });
    const validated = await app.request('/things/1', init);
    expect(validated.status).toBe(400);
    expect(await validated.json()).toMatchObject({ success: false, error: 'BadRequest', details: null });
  });

  it('answers a zod validation failure with the 422 envelope and issue locations', async () => {
    const { app } = buildApp();
    const res = await app.request('/things/1', {
      method: 'POST',
      body: JSON.stringify({ name: 'x' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      success: false,
      error: 'ValidationError',
      message: 'Request validation failed.',
      details: [{ path: ['name'], message: expect.any(String), code: 'too_small', location: 'json' }],
    });
    const badParam = await app.request('/things/abc', {
      method: 'POST',
      body: JSON.stringify({ name: 'xy' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(badParam.status).toBe(422);
    expect(await badParam.json()).toMatchObject({ details: [{ path: ['id'], location: 'param' }] });
    const good = await app.request('/things/7', {
      method: 'POST',
      body: JSON.stringify({ name: 'xy' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(await good.json()).toEqual({ id: '7', name: 'xy' });
  });

  it('answers 404 for unknown paths and 405 with Allow for known paths', async () => {
    const { app } = buildApp();
    const missing = await app.request('/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      success: false,
      error: 'NotFound',
      message: 'Not Found',
      details: null,
    });
    const wrong = await app.request('/items/3', { method: 'GET' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('DELETE');
    expect(await wrong.json()).toMatchObject({ success: false, error: 'MethodNotAllowed' });
    const wrongOnGet = await app.request('/ok', { method: 'PUT' });
    expect(wrongOnGet.status).toBe(405);
    expect(wrongOnGet.headers.get('allow')).toBe('GET, HEAD');
  });

  it('rejects a declared oversized body with 413 before reading it', async () => {
    const { app } = buildApp();
    const res = await app.request('/echo', { method: 'POST', body: 'x'.repeat(65) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ success: false, error: 'PayloadTooLarge' });
    const fits = await app.request('/echo', { method: 'POST', body: 'x'.repeat(64) });
    expect(await fits.json()).toEqual({ length: 64 });
  });

  it('rejects an oversized streamed body without a length with 413', async () => {
    const { app } = buildApp();
    const chunks = ['x'.repeat(40), 'y'.repeat(40)];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const res = await app.request('/echo', { method: 'POST', body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('logs http.response with the request context, and handler lines carry it and redact secrets', async () => {
    const { app, lines } = buildApp();
    await app.request('/ok?x=1', {
      headers: { 'X-Request-ID': 'req-1', 'X-Forwarded-For': '203.0.113.9, 10.0.0.1' },
    });
    const handler = lines.find((line) => line.event === 'handler.ran');
    const response = lines.find((line) => line.event === 'http.response');
    const context = {
      request_id: 'req-1',
      correlation_id: expect.stringMatching(UUID),
      http_method: 'GET',
      http_path: '/ok',
      client_ip: '203.0.113.9',
    };
    expect(handler).toMatchObject({ ...context, authorization: '[REDACTED]' });
    expect(JSON.stringify(lines)).not.toContain('secret-token');
    expect(response).toMatchObject({
      ...context,
      level: 'info',
      status_code: 200,
      content_type: 'application/json',
      duration_ms: expect.any(Number),
    });
    expect(lines.some((line) => line.event === 'http.request')).toBe(false);
  });

  it('carries fields bound later in the request into the response line', async () => {
    const { app, lines } = buildApp();
    await app.request('/bound');
    expect(lines.find((line) => line.event === 'http.response')).toMatchObject({ tenant_id: 'tenant-1' });
  });

  it('labels metrics by route template and unmatched', async () => {
    const { app, metrics } = buildApp();
    await app.request('/storage/local/a/b.txt');
    await app.request('/storage/local/c.txt');
    await app.request('/random-1');
    await app.request('/random-2');
    await app.request('/items/1');
    const text = await metrics.registry.metrics();
    expect(text).toContain('http_requests_total{method="GET",route="/storage/local/*",status="200"} 2');
    expect(text).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 2');
    expect(text).toContain('http_requests_total{method="GET",route="unmatched",status="405"} 1');
    expect(text).not.toContain('random');
  });

  it('answers a CORS preflight from an allowed origin, and not for others', async () => {
    const { app } = buildApp();
    const preflight = await app.request('/items/1', {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:3000',
        'Access-Control-Request-Method': 'DELETE',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, DELETE, OPTIONS');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    expect(preflight.headers.get('vary')).toContain('Origin');
    const simple = await app.request('/ok', { headers: { Origin: 'http://localhost:3000' } });
    expect(simple.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(simple.headers.get('access-control-expose-headers')).toContain('X-Request-ID');
    const foreign = await app.request('/ok', { headers: { Origin: 'http://evil.example' } });
    expect(foreign.status).toBe(200);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});

async function waitForLine(
  lines: Record<string, unknown>[],
  match: (line: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown> | undefined> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const line = lines.find(match);
    if (line !== undefined) return line;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return undefined;
}

describe('applyHttpStack (real @hono/node-server)', () => {
  const built = buildApp();
  const server = createAdaptorServer({ fetch: built.app.fetch });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('sets ids and X-Process-Time on the Node response path too', async () => {
    const res = await fetch(`${base}/ok`, { headers: { 'X-Correlation-ID': 'from-gateway' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get('x-request-id')).toMatch(UUID);
    expect(res.headers.get('x-correlation-id')).toBe('from-gateway');
    expect(res.headers.get('x-process-time')).toMatch(PROCESS_TIME);
    expect(res.headers.get('content-type')).toBe('application/json');
    const error = await fetch(`${base}/app-error`);
    expect(error.status).toBe(429);
    expect(error.headers.get('retry-after')).toBe('30');
    expect(error.headers.get('x-process-time')).toMatch(PROCESS_TIME);
  });

  it('logs http.response once the Node response closes, with its context, length and type', async () => {
    const res = await fetch(`${base}/ok`, { headers: { 'X-Request-ID': 'peer-check' } });
    const body = await res.text();
    const line = await waitForLine(
      built.lines,
      (entry) => entry.event === 'http.response' && entry.request_id === 'peer-check',
    );
    expect(line).toMatchObject({
      level: 'info',
      client_ip: '127.0.0.1',
      http_path: '/ok',
      status_code: 200,
      content_length: Buffer.byteLength(body),
      content_type: 'application/json',
    });
    expect(line).not.toHaveProperty('aborted');
    const handler = built.lines.find(
      (entry) => entry.event === 'handler.ran' && entry.request_id === 'peer-check',
    );
    expect(handler).toMatchObject({ client_ip: '127.0.0.1' });
  });

  it('answers a preflight with headers set on the Node response', async () => {
    const res = await fetch(`${base}/ok`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(res.headers.get('vary')).toBe('Origin');
    expect(res.headers.get('x-request-id')).toMatch(UUID);
  });

  it('rejects a chunked body once it streams past the limit', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${base}/echo`,
        { method: 'POST', headers: { 'Transfer-Encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('x'.repeat(40));
      req.write('y'.repeat(40));
      req.end();
    });
    expect(status).toBe(413);
    const small = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        `${base}/echo`,
        { method: 'POST', headers: { 'Transfer-Encoding': 'chunked' } },
        (res) => {
          let text = '';
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      req.write('x'.repeat(30));
      req.end('y'.repeat(30));
    });
    expect(JSON.parse(small)).toEqual({ length: 60 });
  });

  it('rejects a declared oversized body with 413', async () => {
    const res = await fetch(`${base}/echo`, { method: 'POST', body: 'z'.repeat(100) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'PayloadTooLarge' });
  });
});
