import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { AppError } from '@starter/contracts';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { collector, eventually } from '../testing/key-value-conformance-support.js';
import { describeKeyValueStoreConformance } from '../testing/key-value-store-conformance.js';
import { createRedisKeyValueStore } from './redis-key-value-store.js';

const redisUrl = process.env.REDIS_URL;
// One prefix per run, so runs never see each other's keys and cleanup finds everything.
const runPrefix = `test:kv:${randomUUID()}:`;

describe.skipIf(!redisUrl)('redis key-value store', () => {
  const url = redisUrl as string;
  const open = (keyPrefix = runPrefix) => createRedisKeyValueStore({ url, keyPrefix });

  afterAll(async () => {
    const admin = new Redis(url);
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${runPrefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await admin.unlink(...keys);
    } while (cursor !== '0');
    await admin.quit();
  });

  describeKeyValueStoreConformance('redis', () => open(), {
    second: () => open(),
    withPrefix: (prefix) => open(runPrefix + prefix),
  });

  it('fails fast while Redis is unreachable and heals when it comes back', async () => {
    const target = new URL(url);
    const proxy = await startProxy(target.hostname, Number(target.port || 6379));
    const proxied = new URL(url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    const store = createRedisKeyValueStore({
      url: proxied.toString(),
      keyPrefix: `${runPrefix}reconnect:`,
      commandTimeoutMs: 500,
      connectTimeoutMs: 500,
    });
    const direct = open(`${runPrefix}reconnect:`);
    try {
      await store.set('k', 'v');
      const heard = collector();
      await store.subscribe('ch', heard.onMessage);

      await proxy.stop();
      await eventually(async () => !(await store.health()).ok, 'health reports the outage');
      const failure = await store.get('k').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AppError);
      expect((failure as AppError).code).toBe('ServiceUnavailable');

      await proxy.restart();
      await eventually(async () => (await store.get('k').catch(() => null)) === 'v', 'the store reconnected');
      expect((await store.health()).ok).toBe(true);
      // ioredis re-subscribes after the reconnect; publish until the subscriber is back.
      await eventually(async () => {
        await direct.publish('ch', 'after-outage');
        return heard.messages.includes('after-outage');
      }, 'the subscription came back');
    } finally {
      await Promise.all([store.close(), direct.close()]);
      await proxy.stop();
    }
  });
});

describe('redis key-value store without a server', () => {
  const secret = 's3cr3t-passw0rd';
  const open = () =>
    createRedisKeyValueStore({
      url: `redis://app:${secret}@127.0.0.1:1/0`,
      commandTimeoutMs: 300,
      connectTimeoutMs: 300,
    });

  it('fails calls with a secret-free ServiceUnavailable error instead of hanging', {
    timeout: 10_000,
  }, async () => {
    const store = open();
    try {
      for (const call of [
        () => store.get('k'),
        () => store.increment('k', { ttlMs: 1_000 }),
        () => store.subscribe('ch', () => {}),
        () => store.readStream('s', { blockMs: 5_000 }),
      ]) {
        const error = await call().then(
          () => undefined,
          (reason: unknown) => reason,
        );
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('ServiceUnavailable');
        expect((error as AppError).message).not.toContain(secret);
      }
    } finally {
      await store.close();
    }
  });

  it('reports health ok:false without leaking the password', { timeout: 10_000 }, async () => {
    const store = open();
    try {
      const health = await store.health();
      expect(health.ok).toBe(false);
      expect(health.provider).toBe('redis');
      expect(health.detail ?? '').not.toContain(secret);
    } finally {
      await store.close();
      await store.close();
    }
  });
});

/** A TCP proxy in front of Redis that can be stopped and restarted on the same port. */
async function startProxy(host: string, port: number) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const listen = (listenPort: number) =>
    new Promise<number>((resolve, reject) => {
      const next = createServer((client) => {
        const upstream = tcpConnect(port, host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      next.once('error', reject);
      next.listen(listenPort, '127.0.0.1', () => {
        server = next;
        const address = next.address();
        resolve(typeof address === 'object' && address ? address.port : listenPort);
      });
    });
  const proxyPort = await listen(0);
  return {
    port: proxyPort,
    restart: () => listen(proxyPort),
    async stop() {
      const current = server;
      server = undefined;
      for (const socket of sockets) socket.destroy();
      if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
    },
  };
}
