import { ReplaceTenantSettingsBodySchema } from '@starter/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';

/** `{ a: { a: … 'leaf' } }`, `levels` objects deep. */
function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i += 1) value = { a: value };
  return value;
}

describe('PUT /tenants/settings body schema', () => {
  let deps: TestDependencies;

  beforeAll(async () => {
    deps = await createTestDependencies();
  });
  afterAll(async () => {
    await deps.dispose();
  });

  it('is documented from the identity schema in /openapi.json', async () => {
    const response = await createApp(deps).request('/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
      >;
    };
    const body = document.paths['/api/v1/tenants/settings']?.put?.requestBody?.content['application/json'];
    expect(body?.schema).toMatchObject({
      type: 'object',
      properties: {
        billing_contacts: { type: 'array', items: { properties: { email: { type: 'string' } } } },
        billing_webhook_url: {},
        plan_metadata: { type: 'object' },
        flags: { type: 'object' },
      },
    });
  });

  it('accepts nested JSON values and fills the defaults', () => {
    const parsed = ReplaceTenantSettingsBodySchema.parse({
      billing_contacts: [{ email: 'billing@example.com', tags: ['a', 1, null, { x: true }] }],
      flags: { beta: true, limits: { seats: 10, regions: ['eu', 'us'] }, deep: nested(20) },
    });
    expect(parsed).toMatchObject({ billing_webhook_url: null, plan_metadata: {}, flags: { beta: true } });
  });

  it('refuses values JSON cannot carry and documents nested over 32 levels', () => {
    const refused = [
      { flags: { when: new Date(0) } },
      { flags: { count: Number.POSITIVE_INFINITY } },
      { flags: { missing: undefined } },
      { plan_metadata: { list: [1, () => 2] } },
      { flags: { deep: nested(40) } },
      { billing_contacts: [{ email: 'billing@example.com', extra: new Map() }] },
    ];
    for (const body of refused) {
      expect({ body, success: ReplaceTenantSettingsBodySchema.safeParse(body).success }).toEqual({
        body,
        success: false,
      });
    }
  });
});
