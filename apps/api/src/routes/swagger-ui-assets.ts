import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** A static file of Swagger UI, ready to serve. */
export interface SwaggerUiAsset {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  etag: string;
}

/** Files of `swagger-ui-dist` the docs page uses; an allowlist, so no request path reaches the filesystem. */
export const SWAGGER_UI_FILES = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
} as const;

export type SwaggerUiFile = keyof typeof SWAGGER_UI_FILES;

/**
 * Reads Swagger UI files from the installed `swagger-ui-dist` on first use and keeps them in memory.
 * The package is resolved lazily so that creating the app does no I/O.
 */
export function createSwaggerUiAssets(): { get(file: SwaggerUiFile): Promise<SwaggerUiAsset> } {
  const cache = new Map<SwaggerUiFile, Promise<SwaggerUiAsset>>();
  let located: { dir: string; version: string } | undefined;

  const locate = () => {
    if (located) return located;
    const require = createRequire(import.meta.url);
    // `absolute-path.js` alone: the package's main module would load the whole bundle into Node.
    const getAbsoluteFSPath = require('swagger-ui-dist/absolute-path.js') as () => string;
    const dir = getAbsoluteFSPath();
    const { version } = require(join(dir, 'package.json')) as { version: string };
    located = { dir, version };
    return located;
  };

  const load = async (file: SwaggerUiFile): Promise<SwaggerUiAsset> => {
    const { dir, version } = locate();
    const body = new Uint8Array(await readFile(join(dir, file)));
    return { body, contentType: SWAGGER_UI_FILES[file], etag: `"swagger-ui-${version}-${file}"` };
  };

  return {
    get(file) {
      let asset = cache.get(file);
      if (!asset) {
        asset = load(file);
        // A failed read is not cached, so a transient error does not stick.
        asset.catch(() => cache.delete(file));
        cache.set(file, asset);
      }
      return asset;
    },
  };
}
