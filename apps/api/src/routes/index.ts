export { registerDocsRoutes } from './docs-routes.js';
export { registerHealthRoute } from './health-route.js';
export { registerJwksRoute } from './jwks-route.js';
export { registerLocalStorageRoutes } from './local-storage-routes.js';
export { registerMetricsRoute } from './metrics-route.js';
export { BEARER_SECURITY_SCHEME, registerOpenApiRoute } from './openapi-route.js';
export { registerReadyRoute } from './ready-route.js';
export { registerRootRoute } from './root-route.js';
export { registerStorageHealthRoute } from './storage-health-route.js';
