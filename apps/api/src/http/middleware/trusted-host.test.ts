import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../observability/logger.js';
import { createMetrics } from '../../observability/metrics.js';
import type { AppEnv } from '../app-env.js';
import { applyHttpStack } from '../http-stack.js';
import { createTrustedHostMiddleware, hostName } from './trusted-host.js';

function appAllowing(allowedHosts: string[]) {
  const app = new Hono<AppEnv>();
  applyHttpStack(app, {
    logger: createLogger({
      level: 'error',
      service: 't',
      environment: 'test',
      version: '0',
      destination: { write() {} },
    }),
    metrics: createMetrics(),
    cors: { origins: ['http://localhost:3000'], methods: ['GET'], headers: ['*'] },
    maxBodyBytes: 1024,
    allowedHosts,
  });
  app.get('/ping', (c) => c.text('pong'));
  return app;
}

describe('trusted hosts', () => {
  it('answers listed hosts, with or without a port, and wildcard subdomains', async () => {
    const app = appAllowing(['localhost', '*.example.com', '::1']);
    for (const host of [
      'localhost',
      'localhost:8000',
      'api.example.com',
      'a.b.example.com:443',
      '[::1]:8000',
    ]) {
      const response = await app.request('/ping', { headers: { Host: host } });
      expect(response.status, host).toBe(200);
    }
  });

  it('rejects other hosts with a 400 envelope', async () => {
    const app = appAllowing(['localhost', '*.example.com']);
    for (const host of ['evil.test', 'example.com.evil.test', 'example.com', 'bad host', '']) {
      const response = await app.request('/ping', { headers: { Host: host } });
      expect(response.status, host).toBe(400);
      expect(await response.json()).toEqual({
        success: false,
        error: 'BadRequest',
        message: 'Invalid host header.',
        details: null,
      });
    }
  });

  it('checks nothing when every host is allowed', async () => {
    expect(createTrustedHostMiddleware(['*'])).toBeNull();
    const response = await appAllowing(['*']).request('/ping', { headers: { Host: 'anything.test' } });
    expect(response.status).toBe(200);
  });

  it('parses host names', () => {
    expect(hostName('Example.COM:8080')).toBe('example.com');
    expect(hostName('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(hostName('a b')).toBeNull();
    expect(hostName('')).toBeNull();
  });
});
