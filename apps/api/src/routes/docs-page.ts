/** Base path of the docs page; its assets live under `${DOCS_PATH}/assets/`. */
export const DOCS_PATH = '/docs';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The Swagger UI page. Every URL is same-origin so the page renders with no network access, and the
 * spec validator badge is off because it would call validator.swagger.io.
 */
export function renderDocsPage(title: string): string {
  const assets = `${DOCS_PATH}/assets`;
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(title)}</title>
    <link rel="stylesheet" type="text/css" href="${assets}/swagger-ui.css" />
    <link rel="stylesheet" type="text/css" href="${assets}/index.css" />
    <link rel="icon" type="image/png" href="${assets}/favicon-32x32.png" sizes="32x32" />
    <link rel="icon" type="image/png" href="${assets}/favicon-16x16.png" sizes="16x16" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${assets}/swagger-ui-bundle.js" charset="utf-8"></script>
    <script src="${assets}/swagger-ui-standalone-preset.js" charset="utf-8"></script>
    <script src="${assets}/swagger-initializer.js" charset="utf-8"></script>
  </body>
</html>
`;
}

/** The script that starts Swagger UI on this service's document. */
export const SWAGGER_INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
};
`;
