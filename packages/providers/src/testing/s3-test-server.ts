import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** A fake S3 server on loopback, for adapter tests only (it loads a devDependency). */
export interface S3TestServer {
  /** `http://127.0.0.1:<port>`, for `endpoint` with `forcePathStyle: true`. */
  endpoint: string;
  /** The fixed credentials s3rver accepts. */
  accessKeyId: string;
  secretAccessKey: string;
  close(): Promise<void>;
}

/*
 * Runs in a child Node process, because s3rver 4 mints ListObjectsV2 continuation tokens with DES, which
 * OpenSSL 3 (Node >= 17) only offers behind `--openssl-legacy-provider`. Two more s3rver gaps are closed
 * here so that it answers like S3:
 * - AWS SDK v3 signs path-style bucket requests over `/<bucket>/`, but s3rver rebuilds the canonical path
 *   without the trailing slash; its vhost branch appends the mount path, which restores the slash.
 * - s3rver lists keys in directory-walk order; S3 lists them in UTF-8 byte order, and pages from there.
 */
const CHILD_SCRIPT = `
const config = JSON.parse(process.argv[1]);
const S3rver = require(config.modulePath);
const server = new S3rver({
  port: 0,
  address: '127.0.0.1',
  silent: true,
  directory: config.directory,
  configureBuckets: config.buckets.map((name) => ({ name })),
});
server.middleware.splice(server.middleware.length - 1, 0, (ctx, next) => {
  if (/^\\/[^/]+\\/$/.test(ctx.path)) {
    ctx.state.vhost = true;
    ctx.mountPath = '/';
  }
  return next();
});
const listObjects = server.store.listObjects.bind(server.store);
const bytes = (key) => Buffer.from(key, 'utf8');
server.store.listObjects = async (bucket, options) => {
  const startAfter = bytes(options.startAfter || '');
  const maxKeys = options.maxKeys === undefined ? Infinity : options.maxKeys;
  const all = await listObjects(bucket, { ...options, startAfter: '', maxKeys: Infinity });
  const objects = all.objects
    .sort((a, b) => Buffer.compare(bytes(a.key), bytes(b.key)))
    .filter((object) => Buffer.compare(bytes(object.key), startAfter) > 0);
  return {
    objects: objects.slice(0, maxKeys),
    commonPrefixes: all.commonPrefixes,
    isTruncated: objects.length > maxKeys,
  };
};
// The parent closing stdin (or dying) ends the server.
process.stdin.on('end', () => server.close().finally(() => process.exit(0)));
process.stdin.resume();
server.run().then(
  (address) => process.stdout.write(JSON.stringify({ port: address.port }) + '\\n'),
  (error) => {
    process.stderr.write(String(error && error.stack) + '\\n');
    process.exit(1);
  },
);
`;

/** Starts `@20minutes/s3rver` on 127.0.0.1 with an ephemeral port, a temp folder and these buckets. */
export async function startS3TestServer(buckets: string[]): Promise<S3TestServer> {
  const modulePath = createRequire(import.meta.url).resolve('@20minutes/s3rver');
  const directory = await mkdtemp(path.join(tmpdir(), 's3rver-'));
  const child = spawn(
    process.execPath,
    [
      '--openssl-legacy-provider',
      '--no-deprecation',
      '-e',
      CHILD_SCRIPT,
      JSON.stringify({ modulePath, directory, buckets }),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let port: number;
  try {
    port = await readPort(child);
  } catch (error) {
    child.kill();
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  let closed = false;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    async close() {
      if (closed) return;
      closed = true;
      const exited = child.exitCode === null ? once(child, 'exit') : Promise.resolve();
      child.stdin?.end();
      await exited;
      await rm(directory, { recursive: true, force: true });
    },
  };
}

async function readPort(child: ChildProcess): Promise<number> {
  if (child.stdout === null) throw new Error('s3rver child has no stdout');
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`s3rver exited early with code ${String(code)}`);
  });
  const firstLine = once(lines, 'line').then(([line]) => JSON.parse(String(line)) as { port: number });
  const timeout = new Promise<never>((_, reject) => {
    setTimeout(() => reject(new Error('s3rver did not start within 20 s')), 20_000).unref();
  });
  const { port } = await Promise.race([firstLine, exited, timeout]);
  lines.close();
  return port;
}
