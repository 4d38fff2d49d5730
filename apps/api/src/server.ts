import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Logger } from '@starter/contracts';

/** What the Node adapter calls per request; a Hono app's `fetch` is one. */
export type FetchHandler = Parameters<typeof createAdaptorServer>[0]['fetch'];

export interface StartServerOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  logger: Logger;
  /** How long `close()` lets in-flight requests run before cutting their connections. */
  shutdownTimeoutMs: number;
}

/** A listening HTTP server. */
export interface RunningServer {
  readonly host: string;
  readonly port: number;
  /** `http://host:port`, with a loopback host when listening on every interface. */
  readonly url: string;
  /**
   * Graceful shutdown: stops accepting connections, lets in-flight requests finish up to the timeout,
   * then destroys what is left. Safe to call twice.
   */
  close(): Promise<void>;
}

/** Serves a Hono app on Node's HTTP server. */
export async function startServer(
  app: { fetch: FetchHandler },
  options: StartServerOptions,
): Promise<RunningServer> {
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  const sockets = new Set<Socket>();
  const busy = new Set<Socket>();
  let closing: Promise<void> | undefined;

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      busy.delete(socket);
    });
  });
  server.on('request', (request, response: ServerResponse) => {
    const { socket } = request;
    busy.add(socket);
    response.once('close', () => {
      busy.delete(socket);
      // Once shutting down, a keep-alive connection must not wait for another request.
      if (closing) socket.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Long-lived SSE streams arrive in bursts: Node's default backlog (511) resets connections past it.
    server.listen({ port: options.port, host: options.host, backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = isWildcard(address.address) ? '127.0.0.1' : formatHost(address.address);

  const shutdown = async (): Promise<void> => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) if (!busy.has(socket)) socket.end();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), options.shutdownTimeoutMs);
    });
    const outcome = await Promise.race([closed.then(() => 'closed' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      options.logger.warn({ open_connections: sockets.size }, 'server.shutdown_timeout');
      for (const socket of sockets) socket.destroy();
      await closed;
    }
  };

  return {
    host: address.address,
    port: address.port,
    url: `http://${urlHost}:${address.port}`,
    close() {
      closing ??= shutdown();
      return closing;
    },
  };
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
