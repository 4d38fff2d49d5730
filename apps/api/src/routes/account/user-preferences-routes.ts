import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { successBody } from '@starter/contracts';
import { RecordConsentBodySchema, UpsertNotificationPreferenceBodySchema } from '@starter/identity';
import type { AuthRequirement } from '../../auth/index.js';
import type { AppEnv } from '../../http/app-env.js';
import { type AccountRouteDeps, USERS_PREFIX } from './account-route-deps.js';
import { callerContext } from './caller-context.js';
import { json, jsonBody } from './json-content.js';
import {
  ConsentListResponseSchema,
  ConsentResponseSchema,
  NotificationPreferenceListResponseSchema,
  NotificationPreferenceResponseSchema,
} from './user-schemas.js';

const at: AuthRequirement = { kind: 'AT' };
// Spec §1.9 "AT + T(v+)": any member of the resolved tenant.
const tenantViewer: AuthRequirement = { kind: 'T', role: 'viewer' };

/** Consents (AT) and notification preferences (T(v+)), spec §1.9. */
export function registerUserPreferencesRoutes(app: OpenAPIHono<AppEnv>, deps: AccountRouteDeps): void {
  const { authorizer } = deps;
  const { profiles } = deps.services;
  const consents = `${USERS_PREFIX}/consents`;
  const preferences = `${USERS_PREFIX}/notification-preferences`;

  const listConsents = createRoute({
    method: 'get',
    path: consents,
    tags: ['Users'],
    summary: 'Policies the caller accepted',
    responses: { 200: { description: 'Consents', content: json(ConsentListResponseSchema) } },
  });
  app.openapi(authorizer.protect(listConsents, at), async (c) => {
    const result = await profiles.listConsents(callerContext(c));
    return c.json(successBody(result.data, result.message), 200);
  });

  const recordConsent = createRoute({
    method: 'post',
    path: consents,
    tags: ['Users'],
    summary: 'Record acceptance of a policy version (idempotent)',
    request: { body: jsonBody(RecordConsentBodySchema) },
    responses: { 200: { description: 'The consent', content: json(ConsentResponseSchema) } },
  });
  app.openapi(authorizer.protect(recordConsent, at), async (c) => {
    const result = await profiles.recordConsent(callerContext(c), c.req.valid('json'));
    return c.json(successBody(result.data, result.message), 200);
  });

  const listPreferences = createRoute({
    method: 'get',
    path: preferences,
    tags: ['Users'],
    summary: "The caller's notification preferences in the tenant and across tenants",
    responses: {
      200: { description: 'Preferences', content: json(NotificationPreferenceListResponseSchema) },
    },
  });
  app.openapi(authorizer.protect(listPreferences, tenantViewer), async (c) => {
    const result = await profiles.listNotificationPreferences(callerContext(c));
    return c.json(successBody(result.data, result.message), 200);
  });

  const upsertPreference = createRoute({
    method: 'put',
    path: preferences,
    tags: ['Users'],
    summary: 'Set one notification preference',
    request: { body: jsonBody(UpsertNotificationPreferenceBodySchema) },
    responses: {
      200: { description: 'The preference', content: json(NotificationPreferenceResponseSchema) },
    },
  });
  app.openapi(authorizer.protect(upsertPreference, tenantViewer), async (c) => {
    const result = await profiles.upsertNotificationPreference(callerContext(c), c.req.valid('json'));
    return c.json(successBody(result.data, result.message), 200);
  });
}
