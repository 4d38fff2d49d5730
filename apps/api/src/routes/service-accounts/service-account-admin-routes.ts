import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import {
  BrowserIssueServiceAccountBodySchema,
  ListServiceAccountTokensQuerySchema,
  RevokeServiceAccountTokenBodySchema,
} from '@starter/identity';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { serviceAccountActor } from './service-account-actor.js';
import { SERVICE_ACCOUNTS_PREFIX, type ServiceAccountRouteDeps } from './service-account-route-deps.js';
import {
  IssuedServiceAccountTokenSchema,
  ServiceAccountTokenPageSchema,
  ServiceAccountTokenSchema,
  TokenJtiParamSchema,
} from './service-account-schemas.js';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
// SA-actor: the tenant-admin-or-operator rule is the service's; the route only needs a verified user.
const SA_ACTOR = { kind: 'V' } as const;
const tags = ['Service accounts'];
const unavailable = { 503: errorResponse('Catalog unavailable') };

/** The SA-actor routes of spec §1.7: browser issuance, token list, revoke. */
export function registerServiceAccountAdminRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: ServiceAccountRouteDeps,
): void {
  const { authorizer, services } = deps;

  const browserIssue = createRoute({
    method: 'post',
    path: `${SERVICE_ACCOUNTS_PREFIX}/browser-issue`,
    tags,
    summary: 'Issue a service-account token from the UI (with a reason)',
    request: { body: { required: true, content: json(BrowserIssueServiceAccountBodySchema) } },
    responses: {
      201: { description: 'The refresh token', content: json(IssuedServiceAccountTokenSchema) },
      400: errorResponse('Not allowed by the catalog'),
      429: errorResponse('Issuance burst limit reached'),
      ...unavailable,
    },
  });
  app.openapi(authorizer.protect(browserIssue, SA_ACTOR), async (c) => {
    const administration = await services.administration();
    return c.json(await administration.browserIssue(serviceAccountActor(c), c.req.valid('json')), 201);
  });

  const list = createRoute({
    method: 'get',
    path: `${SERVICE_ACCOUNTS_PREFIX}/tokens`,
    tags,
    summary: 'List service-account tokens',
    request: { query: ListServiceAccountTokensQuerySchema },
    responses: {
      200: { description: 'A page of tokens', content: json(ServiceAccountTokenPageSchema) },
      ...unavailable,
    },
  });
  app.openapi(authorizer.protect(list, SA_ACTOR), async (c) => {
    const administration = await services.administration();
    return c.json(await administration.listTokens(serviceAccountActor(c), c.req.valid('query')), 200);
  });

  const revoke = createRoute({
    method: 'post',
    path: `${SERVICE_ACCOUNTS_PREFIX}/tokens/{jti}/revoke`,
    tags,
    summary: 'Revoke a service-account token',
    request: {
      params: TokenJtiParamSchema,
      body: { required: false, content: json(RevokeServiceAccountTokenBodySchema) },
    },
    responses: {
      200: { description: 'The revoked token', content: json(ServiceAccountTokenSchema) },
      400: errorResponse('Operator without a reason'),
      404: errorResponse('No such token (or another tenant’s)'),
      409: errorResponse('Already revoked'),
      ...unavailable,
    },
  });
  app.openapi(authorizer.protect(revoke, SA_ACTOR), async (c) => {
    const administration = await services.administration();
    const { jti } = c.req.valid('param');
    return c.json(
      await administration.revokeToken(serviceAccountActor(c), jti, c.req.valid('json') ?? {}),
      200,
    );
  });
}
