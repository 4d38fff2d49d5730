import { connect } from 'node:net';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { startServer } from './server.js';

const silentLogger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silentLogger };

/** An app whose `/slow` request waits until the test releases it. */
function slowApp() {
  let release: () => void = () => {};
  let entered: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const started = new Promise<void>((resolve) => {
    entered = resolve;
  });
  const app = new Hono();
  app.get('/fast', (c) => c.text('fast'));
  app.get('/slow', async (c) => {
    entered();
    await released;
    return c.text('finished');
  });
  return { app, release, started };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('startServer', () => {
  it('serves the app on the chosen port', async () => {
    const { app } = slowApp();
    const server = await startServer(app, {
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger,
      shutdownTimeoutMs: 5000,
    });
    try {
      expect(server.port).toBeGreaterThan(0);
      const response = await fetch(`${server.url}/fast`);
      expect(await response.text()).toBe('fast');
    } finally {
      await server.close();
    }
  });

  it('lets an in-flight request finish after close() begins, while refusing new connections', async () => {
    const { app, release, started } = slowApp();
    const server = await startServer(app, {
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger,
      shutdownTimeoutMs: 30_000,
    });
    const inFlight = fetch(`${server.url}/slow`);
    await started;

    const closed = server.close();
    expect(await canConnect(server.port)).toBe(false);
    release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('finished');
    await closed;
  });

  it('does not wait on idle keep-alive connections', async () => {
    const { app } = slowApp();
    // A shutdown timeout longer than the test timeout: only closing idle sockets lets close() resolve.
    const server = await startServer(app, {
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger,
      shutdownTimeoutMs: 600_000,
    });
    const response = await fetch(`${server.url}/fast`, { headers: { Connection: 'keep-alive' } });
    await response.text();
    await server.close();
    expect(await canConnect(server.port)).toBe(false);
  });

  it('cuts requests still running when the shutdown timeout ends', async () => {
    const { app, started } = slowApp();
    const warnings: string[] = [];
    const logger = {
      ...silentLogger,
      warn: (_fields: object, message?: string) => warnings.push(message ?? ''),
    };
    const server = await startServer(app, { host: '127.0.0.1', port: 0, logger, shutdownTimeoutMs: 50 });
    const inFlight = fetch(`${server.url}/slow`).then(
      () => 'answered',
      () => 'cut',
    );
    await started;
    await server.close();
    expect(await inFlight).toBe('cut');
    expect(warnings).toEqual(['server.shutdown_timeout']);
  });
});
