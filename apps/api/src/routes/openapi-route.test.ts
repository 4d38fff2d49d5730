import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createTestDependencies, type TestDependencies } from '../dependencies/create-test-dependencies.js';

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
}

describe('GET /openapi.json', () => {
  let deps: TestDependencies;

  beforeAll(async () => {
    deps = await createTestDependencies({ APP_NAME: 'docs-test', APP_VERSION: '2.3.4' });
  });
  afterAll(async () => {
    await deps.dispose();
  });

  it('is an OpenAPI 3.1 document generated from the route schemas', async () => {
    const response = await createApp(deps).request('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    const document = (await response.json()) as OpenApiDocument;
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'docs-test', version: '2.3.4' });
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/v1/activity',
      '/api/v1/activity/mark-all-read',
      '/api/v1/activity/stream',
      '/api/v1/activity/{event_id}/dismiss',
      '/api/v1/activity/{event_id}/read',
      '/api/v1/agents',
      '/api/v1/agents/{agent_name}/status',
      '/api/v1/auth/email/send',
      '/api/v1/auth/email/verify',
      '/api/v1/auth/invites',
      '/api/v1/auth/invites/{id}/revoke',
      '/api/v1/auth/logout',
      '/api/v1/auth/logout/all',
      '/api/v1/auth/me',
      '/api/v1/auth/mfa',
      '/api/v1/auth/mfa/complete',
      '/api/v1/auth/mfa/recovery/regenerate',
      '/api/v1/auth/mfa/totp/enroll',
      '/api/v1/auth/mfa/totp/verify',
      '/api/v1/auth/mfa/{method_id}',
      '/api/v1/auth/password/change',
      '/api/v1/auth/password/confirm',
      '/api/v1/auth/password/forgot',
      '/api/v1/auth/password/reset',
      '/api/v1/auth/refresh',
      '/api/v1/auth/register',
      '/api/v1/auth/request-access',
      '/api/v1/auth/service-accounts/browser-issue',
      '/api/v1/auth/service-accounts/issue',
      '/api/v1/auth/service-accounts/tokens',
      '/api/v1/auth/service-accounts/tokens/{jti}/revoke',
      '/api/v1/auth/sessions',
      '/api/v1/auth/sessions/{session_id}',
      '/api/v1/auth/signup-policy',
      '/api/v1/auth/signup-requests',
      '/api/v1/auth/signup-requests/{id}/approve',
      '/api/v1/auth/signup-requests/{id}/reject',
      '/api/v1/auth/token',
      '/api/v1/chat',
      '/api/v1/chat/runs/{run_id}/approvals',
      '/api/v1/chat/runs/{run_id}/cancel',
      '/api/v1/chat/runs/{run_id}/stream',
      '/api/v1/chat/stream',
      '/api/v1/conversations',
      '/api/v1/conversations/search',
      '/api/v1/conversations/{id}',
      '/api/v1/conversations/{id}/events',
      '/api/v1/conversations/{id}/ledger/events',
      '/api/v1/conversations/{id}/ledger/stream',
      '/api/v1/conversations/{id}/memory',
      '/api/v1/conversations/{id}/messages',
      '/api/v1/conversations/{id}/messages/{message_id}',
      '/api/v1/conversations/{id}/stream',
      '/api/v1/conversations/{id}/title',
      '/api/v1/features',
      '/api/v1/guardrails',
      '/api/v1/guardrails/presets',
      '/api/v1/guardrails/presets/{preset_key}',
      '/api/v1/guardrails/{guardrail_key}',
      '/api/v1/platform/tenants',
      '/api/v1/platform/tenants/{tenant_id}',
      '/api/v1/platform/tenants/{tenant_id}/deprovision',
      '/api/v1/platform/tenants/{tenant_id}/features',
      '/api/v1/platform/tenants/{tenant_id}/reactivate',
      '/api/v1/platform/tenants/{tenant_id}/suspend',
      '/api/v1/tenants/account',
      '/api/v1/tenants/invites',
      '/api/v1/tenants/invites/accept',
      '/api/v1/tenants/invites/accept/current',
      '/api/v1/tenants/invites/policy',
      '/api/v1/tenants/invites/{invite_id}/revoke',
      '/api/v1/tenants/members',
      '/api/v1/tenants/members/{user_id}',
      '/api/v1/tenants/members/{user_id}/role',
      '/api/v1/tenants/settings',
      '/api/v1/tools',
      '/api/v1/usage',
      '/api/v1/usage/costs',
      '/api/v1/users/consents',
      '/api/v1/users/me',
      '/api/v1/users/me/disable',
      '/api/v1/users/me/email',
      '/api/v1/users/me/profile',
      '/api/v1/users/notification-preferences',
      '/health',
      '/health/ready',
      '/health/storage',
    ]);
    expect(document.paths['/health/ready']).toHaveProperty('get.responses.503');
    expect(document.components.securitySchemes.bearerAuth).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
    );
    expect(document.components.schemas).toHaveProperty('ErrorEnvelope');
    expect(document.components.schemas).toHaveProperty('Liveness');
  });
});
