import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import {
  ApproveSignupRequestBodySchema,
  ListSignupRequestsQuerySchema,
  RejectSignupRequestBodySchema,
} from '@starter/identity';
import type { AppEnv } from '../../http/app-env.js';
import { AUTH_PREFIX } from '../auth/auth-route-deps.js';
import { errorResponse } from '../error-responses.js';
import { accountCaller } from './operator-caller.js';
import type { SignupRouteDeps } from './signup-route-deps.js';
import {
  ApprovedSignupRequestSchema,
  IdParamSchema,
  SignupRequestPageSchema,
  SignupRequestSchema,
} from './signup-schemas.js';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const tags = ['Signup'];
const REVIEWER = { kind: 'S°', scopes: ['auth:signup_requests'] } as const;
const decisionErrors = { 404: errorResponse('No such request'), 409: errorResponse('Already decided') };

/** Operator review of access requests (spec §1.6, S°(auth:signup_requests)). */
export function registerSignupRequestsRoutes(app: OpenAPIHono<AppEnv>, deps: SignupRouteDeps): void {
  const { authorizer, administration } = deps;
  const path = `${AUTH_PREFIX}/signup-requests`;

  const list = createRoute({
    method: 'get',
    path,
    tags,
    summary: 'List access requests',
    request: { query: ListSignupRequestsQuerySchema },
    responses: { 200: { description: 'A page of requests', content: json(SignupRequestPageSchema) } },
  });
  app.openapi(authorizer.protect(list, REVIEWER), async (c) =>
    c.json(await administration.listRequests(c.req.valid('query')), 200),
  );

  const approve = createRoute({
    method: 'post',
    path: `${path}/{id}/approve`,
    tags,
    summary: 'Approve a request and issue its invite',
    request: {
      params: IdParamSchema,
      body: { required: false, content: json(ApproveSignupRequestBodySchema) },
    },
    responses: {
      200: {
        description: 'The request and its invite (token shown once)',
        content: json(ApprovedSignupRequestSchema),
      },
      ...decisionErrors,
    },
  });
  app.openapi(authorizer.protect(approve, REVIEWER), async (c) => {
    const result = await administration.approveRequest(
      accountCaller(c),
      c.req.valid('param').id,
      c.req.valid('json'),
    );
    return c.json(result, 200);
  });

  const reject = createRoute({
    method: 'post',
    path: `${path}/{id}/reject`,
    tags,
    summary: 'Reject a request',
    request: {
      params: IdParamSchema,
      body: { required: false, content: json(RejectSignupRequestBodySchema) },
    },
    responses: {
      200: { description: 'The rejected request', content: json(SignupRequestSchema) },
      ...decisionErrors,
    },
  });
  app.openapi(authorizer.protect(reject, REVIEWER), async (c) => {
    const result = await administration.rejectRequest(
      accountCaller(c),
      c.req.valid('param').id,
      c.req.valid('json'),
    );
    return c.json(result, 200);
  });
}
