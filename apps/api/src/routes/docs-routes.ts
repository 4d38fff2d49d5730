import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '@starter/contracts';
import type { AppEnv } from '../http/app-env.js';
import { DOCS_PATH, renderDocsPage, SWAGGER_INITIALIZER } from './docs-page.js';
import { createSwaggerUiAssets, SWAGGER_UI_FILES, type SwaggerUiFile } from './swagger-ui-assets.js';

const INITIALIZER_FILE = 'swagger-initializer.js';
// Asset names carry the swagger-ui-dist version in their ETag; a day of caching plus revalidation is enough.
const ASSET_CACHE_CONTROL = 'public, max-age=86400';

const pageRoute = createRoute({
  method: 'get',
  path: DOCS_PATH,
  hide: true,
  responses: { 200: { description: 'Swagger UI', content: { 'text/html': { schema: z.string() } } } },
});

const assetRoute = createRoute({
  method: 'get',
  path: `${DOCS_PATH}/assets/{file}`,
  hide: true,
  request: { params: z.object({ file: z.string() }) },
  responses: { 200: { description: 'A Swagger UI asset' }, 304: { description: 'Not modified' } },
});

function isSwaggerUiFile(name: string): name is SwaggerUiFile {
  return Object.hasOwn(SWAGGER_UI_FILES, name);
}

/** `GET /docs` and its assets: Swagger UI served by the app itself from `swagger-ui-dist`. */
export function registerDocsRoutes(app: OpenAPIHono<AppEnv>, title: string): void {
  const page = renderDocsPage(`${title} - API docs`);
  const assets = createSwaggerUiAssets();

  app.openapi(pageRoute, (c) => c.html(page, 200, { 'Cache-Control': 'no-cache' }));

  app.openapi(assetRoute, async (c) => {
    const { file } = c.req.valid('param');
    if (file === INITIALIZER_FILE) {
      return c.body(SWAGGER_INITIALIZER, 200, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': 'no-cache',
      });
    }
    if (!isSwaggerUiFile(file)) throw new AppError('NotFound', 'Not found.');
    const asset = await assets.get(file);
    const headers = { ETag: asset.etag, 'Cache-Control': ASSET_CACHE_CONTROL };
    if (c.req.header('If-None-Match') === asset.etag) return c.body(null, 304, headers);
    return c.body(asset.body, 200, { ...headers, 'Content-Type': asset.contentType });
  });
}
