import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createTestDependencies, type TestDependencies } from '../dependencies/create-test-dependencies.js';
import type { AppDependencies } from '../dependencies/index.js';
import { createMember, postJson } from '../routes/auth/auth-test-support.js';
import type { CommandContext } from './command-context.js';
import { createOperatorCommand } from './create-operator-command.js';

const PASSWORD = 'Operator-Lantern-Quartz-2026!';

describe('create-operator command', { timeout: 60_000 }, () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    deps = await createTestDependencies({}, undefined, { migrate: true });
    app = createApp(deps);
  });
  afterAll(async () => {
    await deps.dispose();
  });

  /** Runs the command on the test dependencies; the test owns the ports, so the command gets none to close. */
  const run = async (args: string[], env: Record<string, string> = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    let opened = false;
    const context: CommandContext = {
      settings: deps.settings,
      logger: deps.logger,
      env,
      print: (text) => out.push(text),
      printError: (text) => err.push(text),
    };
    const borrowed = {
      ...deps,
      email: undefined,
      storage: undefined,
      jobs: undefined,
      kv: undefined,
      database: undefined,
    } as unknown as AppDependencies;
    const code = await createOperatorCommand(context, args, async () => {
      opened = true;
      return borrowed;
    });
    return { code, out: out.join('\n'), err: err.join('\n'), opened };
  };
  const userByEmail = (email: string) =>
    deps.identity.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  const loginScopes = async (email: string, password: string) => {
    const response = await postJson(app, '/api/v1/auth/token', { email, password });
    expect(response.status).toBe(200);
    return ((await response.json()) as { scopes: string[] }).scopes;
  };

  it('creates an active, verified operator with its own tenant, who can then sign in as operator', async () => {
    const email = `op-${randomUUID()}@example.com`;
    const result = await run(['--email', email, '--tenant-name', 'Ops HQ'], { OPERATOR_PASSWORD: PASSWORD });
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain(`Created platform operator: ${email}`);
    expect(result.out).not.toContain(PASSWORD);

    const user = await userByEmail(email);
    expect(user).toMatchObject({ status: 'active', platform_role: 'platform_operator' });
    expect(user?.email_verified_at).not.toBeNull();
    const tenants = await deps.identity.repositories.memberships.listByUser(user?.id ?? never());
    expect(tenants.map((membership) => membership.role)).toEqual(['owner']);
    const tenant = await deps.identity.repositories.tenants.findById(tenants[0]?.tenant_id ?? never());
    expect(tenant?.name).toBe('Ops HQ');

    expect(await loginScopes(email, PASSWORD)).toContain('platform:operator');
    const events = await deps.identity.repositories.securityEvents.listForUser(user?.id ?? never(), 10);
    expect(events.find((event) => event.event_type === 'platform_operator_granted')?.metadata).toEqual({
      created: true,
      via: 'cli',
    });
    const activity = await deps.identity.db
      .selectFrom('activity_events')
      .selectAll()
      .where('tenant_id', '=', tenant?.id ?? never())
      .where('action', '=', 'tenant.account.created')
      .execute();
    expect(activity).toMatchObject([
      { action: 'tenant.account.created', actor_type: 'system', source: 'cli' },
    ]);
  });

  it('promotes an existing member, who keeps their password and tenant; a second run changes nothing', async () => {
    const member = await createMember(deps, { role: 'member' });
    const first = await run([], { OPERATOR_EMAIL: member.email, OPERATOR_PASSWORD: PASSWORD });
    expect(first.code).toBe(0);
    expect(first.out).toContain('Promoted to platform operator');
    expect(first.out).toContain('keeps its password');
    expect(first.out).not.toContain('Created tenant');
    expect(await loginScopes(member.email, member.password)).toContain('platform:operator');

    const again = await run(['--email', member.email]);
    expect(again).toMatchObject({ code: 0 });
    expect(again.out).toContain('Already a platform operator');
    const grants = (await deps.identity.repositories.securityEvents.listForUser(member.userId, 10)).filter(
      (event) => event.event_type === 'platform_operator_granted',
    );
    expect(grants).toHaveLength(1);
  });

  it('refuses a password the policy rejects, creating nothing', async () => {
    const email = `weak-${randomUUID()}@example.com`;
    const result = await run(['--email', email, '--password', 'password1']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('create-operator refused');
    expect(result.err).toMatch(/^- /m);
    expect(await userByEmail(email)).toBeUndefined();

    const missing = await run(['--email', `nopass-${randomUUID()}@example.com`]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('A password is required');
  });

  it('answers usage errors with exit 2 before opening anything', async () => {
    const noEmail = await run([]);
    expect(noEmail).toMatchObject({ code: 2, opened: false });
    expect(noEmail.err).toContain('Usage: create-operator');
    expect(await run(['--email', 'a@example.com', '--role', 'root'])).toMatchObject({
      code: 2,
      opened: false,
    });
    expect(await run(['--email', 'a@example.com', 'extra'])).toMatchObject({ code: 2, opened: false });
  });
});

function never(): never {
  throw new Error('expected a value');
}
