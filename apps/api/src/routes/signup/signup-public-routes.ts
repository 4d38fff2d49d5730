import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { RegisterBodySchema, RequestAccessBodySchema } from '@starter/identity';
import { requestOrigin } from '../../auth/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { AUTH_PREFIX } from '../auth/auth-route-deps.js';
import { errorResponse } from '../error-responses.js';
import { signupAttempts } from './signup-outcome.js';
import type { SignupRouteDeps } from './signup-route-deps.js';
import { RegisterResponseSchema, SignupPolicySchema } from './signup-schemas.js';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const tags = ['Signup'];

/** The public signup routes: policy, register, request access (spec §1.6, PUB). */
export function registerSignupPublicRoutes(app: OpenAPIHono<AppEnv>, deps: SignupRouteDeps): void {
  const { signup } = deps;
  const attempt = signupAttempts(deps.metrics, signup.policy().policy);

  const policy = createRoute({
    method: 'get',
    path: `${AUTH_PREFIX}/signup-policy`,
    tags,
    summary: 'Who may sign up',
    responses: { 200: { description: 'The signup policy', content: json(SignupPolicySchema) } },
  });
  app.openapi(policy, (c) => c.json(signup.policy(), 200));

  const register = createRoute({
    method: 'post',
    path: `${AUTH_PREFIX}/register`,
    tags,
    summary: 'Register a user with a new tenant',
    request: { body: { required: true, content: json(RegisterBodySchema) } },
    responses: {
      201: { description: 'The new owner is signed in', content: json(RegisterResponseSchema) },
      403: errorResponse('The policy needs a valid invite for this email'),
      404: errorResponse('Unknown plan'),
      409: errorResponse('Email already registered, or slug collision'),
      429: errorResponse('Signup quota exceeded'),
      502: errorResponse('Billing provisioning failed'),
    },
  });
  app.openapi(register, async (c) =>
    c.json(await attempt(() => signup.register(c.req.valid('json'), requestOrigin(c))), 201),
  );

  const requestAccess = createRoute({
    method: 'post',
    path: `${AUTH_PREFIX}/request-access`,
    tags,
    summary: 'Ask for access',
    request: { body: { required: true, content: json(RequestAccessBodySchema) } },
    responses: {
      202: { description: 'Request recorded; the policy snapshot', content: json(SignupPolicySchema) },
      429: errorResponse('Too many pending requests from this network'),
    },
  });
  app.openapi(requestAccess, async (c) => {
    const body = c.req.valid('json');
    // Same test as the service's: it answers a bot like a person, so only the route can count it.
    const honeypot = body.honeypot !== undefined && body.honeypot.trim() !== '' ? 'honeypot' : undefined;
    return c.json(await attempt(() => signup.requestAccess(body, requestOrigin(c)), honeypot), 202);
  });
}
