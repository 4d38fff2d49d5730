// Child process of the bench: serves one target on a free port and reports the port over IPC, so every
// target runs alone in a fresh process started the same way. It also reports its CPU time on request:
// CPU per request stays meaningful when other work on the machine makes req/s noisy.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { findTarget } from './targets.js';

const name = process.argv[2];
if (name === undefined) throw new Error('usage: serve-target.ts <target>');
const app = findTarget(name).build();
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  process.send?.({ port: info.port });
});
process.on('message', (message) => {
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMicros: user + system });
  }
});
process.on('disconnect', () => server.close(() => process.exit(0)));
