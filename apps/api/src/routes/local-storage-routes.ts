import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '@starter/contracts';
import type { LocalObjectStorage } from '@starter/providers';
import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { errorResponse } from './error-responses.js';

const PATH = '/storage/local/*';
const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

const UploadedSchema = z.object({
  key: z.string(),
  size: z.number(),
  etag: z.string(),
  content_type: z.string(),
});

// Hidden: these URLs are handed out signed by the storage service, never called from the API docs.
const getRoute = createRoute({
  method: 'get',
  path: PATH,
  hide: true,
  responses: {
    200: { description: 'The object' },
    304: { description: 'Not modified' },
    403: errorResponse('Bad or expired signature'),
    404: errorResponse('No such object'),
  },
});

const putRoute = createRoute({
  method: 'put',
  path: PATH,
  hide: true,
  responses: {
    200: { description: 'Stored', content: { 'application/json': { schema: UploadedSchema } } },
    403: errorResponse('Bad or expired signature, or a content type the URL does not allow'),
  },
});

function invalidSignature(): AppError {
  return new AppError('Forbidden', 'Invalid or expired signed URL.');
}

/** The path and query of the request: the signature covers them, not the host the request came through. */
function signedPart(c: Context): string {
  const url = new URL(c.req.url);
  return `${url.pathname}${url.search}`;
}

/** HTTP wants entity tags quoted; adapters report bare hashes. */
function quoted(etag: string): string {
  return etag.startsWith('"') || etag.startsWith('W/"') ? etag : `"${etag}"`;
}

function mediaType(header: string | undefined): string | undefined {
  return header?.split(';')[0]?.trim().toLowerCase() || undefined;
}

/** `GET|PUT /storage/local/<key>`: the signed URLs of the local object storage, verified per request. */
export function registerLocalStorageRoutes(app: OpenAPIHono<AppEnv>, storage: LocalObjectStorage): void {
  app.openapi(getRoute, async (c) => {
    const grant = storage.verifySignedUrl(signedPart(c), 'GET');
    if (grant === null) throw invalidSignature();
    const object = await storage.get(grant.key);
    if (object === null) throw new AppError('NotFound', 'Object not found.');
    const etag = quoted(object.etag);
    const headers = {
      ETag: etag,
      'Last-Modified': object.lastModified.toUTCString(),
      'Cache-Control': 'private, no-cache',
    };
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304, headers);
    // Adapters return plain (never shared) buffers; the cast only narrows the buffer type for Hono.
    return c.body(object.body as Uint8Array<ArrayBuffer>, 200, {
      ...headers,
      'Content-Type': object.contentType,
      'Content-Length': String(object.size),
    });
  });

  app.openapi(putRoute, async (c) => {
    const grant = storage.verifySignedUrl(signedPart(c), 'PUT');
    if (grant === null) throw invalidSignature();
    const declared = mediaType(c.req.header('Content-Type'));
    if (grant.contentType !== undefined && declared !== mediaType(grant.contentType)) {
      throw new AppError('Forbidden', 'The upload must declare the content type the URL was signed for.');
    }
    const body = new Uint8Array(await c.req.arrayBuffer());
    const contentType = c.req.header('Content-Type') ?? grant.contentType ?? DEFAULT_CONTENT_TYPE;
    const info = await storage.put(grant.key, body, { contentType });
    return c.json({ key: info.key, size: info.size, etag: info.etag, content_type: info.contentType }, 200, {
      ETag: quoted(info.etag),
    });
  });
}
