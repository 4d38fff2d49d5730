import type { RouteConfig } from '@hono/zod-openapi';
import { asId, type Logger, type TenantId, type UserId } from '@starter/contracts';
import {
  parseScopes,
  requireEmailVerified,
  requireOperator,
  requireRole,
  requireScopes,
  resolveTenantContext,
  type TenantRecord,
  type TokenService,
} from '@starter/identity';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { bindLogContext } from '../observability/log-context.js';
import { errorResponse } from '../routes/error-responses.js';
import { BEARER_SECURITY_SCHEME } from '../routes/openapi-route.js';
import type { AuthRequirement } from './auth-requirement.js';
import { bearerToken, notAuthenticated } from './bearer-token.js';

/** What the auth middleware needs. */
export interface AuthorizerDeps {
  tokens: TokenService;
  /** REQUIRE_EMAIL_VERIFICATION: whether `V` (and stricter) rules check `email_verified`. */
  requireEmailVerification: boolean;
  /** Looks a tenant up for `T` rules (id and status). */
  loadTenant: (id: TenantId) => Promise<TenantRecord | null>;
  logger: Logger;
}

/** Builds per-route auth middleware and the route decoration that documents it. */
export interface Authorizer {
  /** Middleware enforcing one requirement; validated now, not per request. */
  authorize(requirement: AuthRequirement): MiddlewareHandler<AppEnv>;
  /** The route with the bearer `security` entry, 401/403 responses and the auth middleware first. */
  protect<R extends RouteConfig>(route: R, requirement: AuthRequirement): R;
}

const USER_PREFIX = 'user:';

function validate(requirement: AuthRequirement): void {
  if ((requirement.kind === 'S' || requirement.kind === 'S°') && requirement.scopes.length === 0) {
    throw new TypeError(`authorize: ${requirement.kind} needs at least one scope`);
  }
}

/** Creates the one auth mechanism of the app (spec §0 auth legend, §7.8, §7.9). */
export function createAuthorizer(deps: AuthorizerDeps): Authorizer {
  const { tokens, requireEmailVerification, loadTenant, logger } = deps;

  function authorize(requirement: AuthRequirement): MiddlewareHandler<AppEnv> {
    validate(requirement);
    const checksEmail = requirement.kind !== 'S°';
    return async (c, next) => {
      const token = bearerToken(c.req.header('authorization'));
      if (token === null) throw notAuthenticated();
      // Verified in memory (cached public key): no database access for AT routes.
      const claims = await tokens.verifyAccessToken(token);
      const userId = asId<'UserId'>(claims.sub.slice(USER_PREFIX.length)) as UserId;
      const scopes = parseScopes(claims);
      c.set('auth', { userId, claims, scopes, sessionId: claims.sid });
      bindLogContext({ user_id: userId, session_id: claims.sid, tenant_id: claims.tenant_id ?? null });

      if (requirement.kind !== 'AT' && checksEmail) requireEmailVerified(claims, requireEmailVerification);
      if (requirement.kind === 'S' || requirement.kind === 'S°') requireScopes(scopes, requirement.scopes);
      if (requirement.kind === 'OP') requireOperator(scopes);
      if (requirement.kind === 'T') {
        const context = await resolveTenantContext({
          claims,
          headers: {
            tenantId: c.req.header('x-tenant-id'),
            tenantRole: c.req.header('x-tenant-role'),
            operatorOverride: c.req.header('x-operator-override'),
            operatorReason: c.req.header('x-operator-reason'),
          },
          method: c.req.method,
          loadTenant,
        });
        requireRole(context.role, requirement.role);
        if (requirement.scopes !== undefined) requireScopes(scopes, requirement.scopes);
        c.set('tenant', { tenantId: context.tenantId, role: context.role });
        bindLogContext({ tenant_id: context.tenantId, tenant_role: context.role });
        if (context.overrideUsed) {
          logger.warn(
            {
              event: 'tenant.access.override',
              tenant_id: context.tenantId,
              tenant_status: context.tenantStatus,
              user_id: userId,
              method: c.req.method,
              reason: context.overrideReason,
            },
            'Operator override of tenant status',
          );
        }
      }
      await next();
    };
  }

  return {
    authorize,
    protect(route, requirement) {
      const existing = route.middleware === undefined ? [] : [route.middleware].flat();
      return {
        ...route,
        security: [{ [BEARER_SECURITY_SCHEME]: [] }],
        middleware: [authorize(requirement), ...existing],
        responses: {
          401: errorResponse('Missing, invalid or expired access token'),
          403: errorResponse('Authenticated but not allowed'),
          ...route.responses,
        },
      };
    },
  };
}
