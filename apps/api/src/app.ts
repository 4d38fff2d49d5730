import { OpenAPIHono } from '@hono/zod-openapi';
import { LOCAL_STORAGE_ROUTE } from '@starter/providers';
import { createAuthorizer } from './auth/index.js';
import type { AppDependencies } from './dependencies/index.js';
import type { AppEnv } from './http/app-env.js';
import { validationHook } from './http/errors/validation-hook.js';
import { applyHttpStack } from './http/http-stack.js';
import { registerAccountRoutes } from './routes/account/index.js';
import { registerActivityRoutes } from './routes/activity/index.js';
import { registerAuthSessionRoutes } from './routes/auth/index.js';
import { registerCatalogRoutes } from './routes/catalog/index.js';
import { registerChatRoutes } from './routes/chat/index.js';
import { registerConversationsRoutes } from './routes/conversations/index.js';
import {
  registerDocsRoutes,
  registerHealthRoute,
  registerJwksRoute,
  registerLocalStorageRoutes,
  registerMetricsRoute,
  registerOpenApiRoute,
  registerReadyRoute,
  registerRootRoute,
  registerStorageHealthRoute,
} from './routes/index.js';
import { platformServices, registerPlatformRoutes } from './routes/platform/index.js';
import { registerServiceAccountRoutes, serviceAccountServices } from './routes/service-accounts/index.js';
import { registerSignupRoutes, signupServices } from './routes/signup/index.js';
import { registerTenantRoutes, tenantAdminService } from './routes/tenants/index.js';
import { appRecordingAuthorizer } from './routes/tenants/recording-authorizer.js';
import { registerUsageRoutes } from './routes/usage/index.js';

/**
 * Composes the HTTP app from already-built dependencies. Pure composition: no I/O here, so tests and
 * other hosts can build as many apps as they like.
 */
export function createApp(deps: AppDependencies): OpenAPIHono<AppEnv> {
  const { settings, logger, metrics, clock } = deps;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  applyHttpStack(app, {
    logger,
    metrics,
    cors: settings.cors,
    maxBodyBytes: settings.maxRequestBodyBytes,
    allowedHosts: settings.allowedHosts,
    bodyLimitOverrides:
      deps.localStorage === null
        ? []
        : [{ pathPrefix: LOCAL_STORAGE_ROUTE, maxBytes: settings.storage.maxFileBytes }],
  });

  const timeoutMs = settings.database.healthTimeoutSeconds * 1000;
  registerRootRoute(app, settings);
  registerHealthRoute(app, { clock, version: settings.appVersion });
  registerReadyRoute(app, { database: deps.database, kv: deps.kv, clock, timeoutMs });
  registerStorageHealthRoute(app, {
    storage: deps.storage,
    provider: settings.storage.configuredProvider,
    timeoutMs,
    now: () => clock.now(),
  });
  registerJwksRoute(app, {
    keys: deps.identity.keys,
    maxAgeSeconds: settings.auth.jwksMaxAgeSeconds,
    metrics,
  });
  registerMetricsRoute(app, metrics.registry);
  registerOpenApiRoute(app, settings);
  if (settings.enableDocs) registerDocsRoutes(app, settings.appName);
  if (deps.localStorage !== null) registerLocalStorageRoutes(app, deps.localStorage);

  const { identity } = deps;
  // Recorded so `protectedRoutes(app)` lists every guarded route (the cross-tenant sweep relies on it).
  const authorizer = appRecordingAuthorizer(
    app,
    createAuthorizer({
      tokens: identity.tokens,
      requireEmailVerification: settings.auth.requireEmailVerification,
      loadTenant: async (id) => (await identity.repositories.tenants.findById(id)) ?? null,
      logger,
    }),
  );
  registerAuthSessionRoutes(app, { sessions: identity.sessions, authorizer });
  registerSignupRoutes(app, { ...signupServices(deps), authorizer });
  registerTenantRoutes(app, { admin: tenantAdminService(deps), authorizer });
  registerPlatformRoutes(app, { ...platformServices(deps), authorizer });
  registerAccountRoutes(app, deps, authorizer);
  registerServiceAccountRoutes(app, { services: serviceAccountServices(deps), authorizer });
  registerChatRoutes(app, deps, authorizer);
  registerConversationsRoutes(app, deps, authorizer);
  registerCatalogRoutes(app, deps, authorizer);
  registerActivityRoutes(app, deps, authorizer);
  registerUsageRoutes(app, deps, authorizer);
  return app;
}
