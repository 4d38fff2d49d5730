import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { IssueServiceAccountBodySchema } from '@starter/identity';
import type { MiddlewareHandler } from 'hono';
import { bearerToken, notAuthenticated, requestOrigin } from '../../auth/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { errorResponse } from '../error-responses.js';
import { BEARER_SECURITY_SCHEME } from '../openapi-route.js';
import { SERVICE_ACCOUNTS_PREFIX, type ServiceAccountRouteDeps } from './service-account-route-deps.js';
import { IssuedServiceAccountTokenSchema, IssueHeadersSchema } from './service-account-schemas.js';

const json = <T>(schema: T) => ({ 'application/json': { schema } });

// Answer 401 before body validation, so an anonymous caller learns nothing about the request format.
const requireBearer: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (bearerToken(c.req.header('authorization')) === null) throw notAuthenticated();
  await next();
};

/** `POST /auth/service-accounts/issue`: machine issuance, vault-signed (or dev-demo in dev/test). */
export function registerServiceAccountIssueRoute(
  app: OpenAPIHono<AppEnv>,
  deps: ServiceAccountRouteDeps,
): void {
  const { services } = deps;
  const route = createRoute({
    method: 'post',
    path: `${SERVICE_ACCOUNTS_PREFIX}/issue`,
    tags: ['Service accounts'],
    summary: 'Issue a service-account refresh token',
    description:
      '`Authorization: Bearer vault:<signature>` with `X-Vault-Payload`, or `Bearer dev-demo` when vault ' +
      'verification is disabled (development and test only).',
    security: [{ [BEARER_SECURITY_SCHEME]: [] }],
    middleware: [requireBearer],
    request: {
      headers: IssueHeadersSchema,
      body: { required: true, content: json(IssueServiceAccountBodySchema) },
    },
    responses: {
      201: { description: 'The refresh token', content: json(IssuedServiceAccountTokenSchema) },
      400: errorResponse('Not allowed by the catalog, or not matching the signed payload'),
      401: errorResponse('Missing, invalid, expired or replayed credentials'),
      429: errorResponse('Issuance burst limit reached'),
      503: errorResponse('Catalog unavailable'),
    },
  });
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const credentials = {
      authorization: c.req.header('authorization'),
      vaultPayload: c.req.header('x-vault-payload'),
    };
    const source = await services.authenticateIssuance(credentials, body);
    return c.json(await services.issue(source, body, requestOrigin(c)), 201);
  });
}
