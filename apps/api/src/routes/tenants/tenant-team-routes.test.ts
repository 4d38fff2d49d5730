import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  createTestDependencies,
  type TestDependencies,
} from '../../dependencies/create-test-dependencies.js';
import { createMember, type TestMember } from '../auth/auth-test-support.js';
import { accessToken, send } from '../platform/platform-test-support.js';

const TENANTS = '/api/v1/tenants';

describe('tenant team, invites and settings routes (spec §1.8, behaviour 24)', () => {
  let deps: TestDependencies;
  let app: ReturnType<typeof createApp>;
  let owner: TestMember;
  let ownerToken: string;
  let admin: TestMember;
  let adminToken: string;
  let member: TestMember;

  beforeAll(async () => {
    deps = await createTestDependencies({}, undefined, { migrate: true });
    app = createApp(deps);
    owner = await createMember(deps, { role: 'owner' });
    admin = await createMember(deps, { role: 'admin', tenantId: owner.tenantId });
    member = await createMember(deps, { role: 'member', tenantId: owner.tenantId });
    ownerToken = await accessToken(app, owner);
    adminToken = await accessToken(app, admin);
  });
  afterAll(async () => {
    await deps.dispose();
  });

  it('reads and renames the account', async () => {
    const renamed = await send(app, 'patch', `${TENANTS}/account`, {
      token: adminToken,
      body: { name: 'Team Co' },
    });
    expect(renamed.status).toBe(200);
    const account = await send(app, 'get', `${TENANTS}/account`, { token: ownerToken });
    expect(await account.json()).toMatchObject({ id: owner.tenantId, name: 'Team Co', status: 'active' });
  });

  it('keeps members (role member and below) out of admin routes', async () => {
    const token = await accessToken(app, member);
    const response = await send(app, 'get', `${TENANTS}/members`, { token });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      message: 'Insufficient tenant privileges for this operation.',
    });
    expect((await send(app, 'get', `${TENANTS}/invites/policy`, { token })).status).toBe(200);
  });

  it('admins cannot grant, demote or remove owners', async () => {
    const outsider = await createMember(deps);
    const grant = await send(app, 'post', `${TENANTS}/members`, {
      token: adminToken,
      body: { email: outsider.email, role: 'owner' },
    });
    expect(grant.status).toBe(403);
    const promote = await send(app, 'patch', `${TENANTS}/members/${member.userId}/role`, {
      token: adminToken,
      body: { role: 'owner' },
    });
    expect(promote.status).toBe(403);
    const demote = await send(app, 'patch', `${TENANTS}/members/${owner.userId}/role`, {
      token: adminToken,
      body: { role: 'viewer' },
    });
    expect(demote.status).toBe(403);
    const remove = await send(app, 'delete', `${TENANTS}/members/${owner.userId}`, { token: adminToken });
    expect(remove.status).toBe(403);
    const invite = await send(app, 'post', `${TENANTS}/invites`, {
      token: adminToken,
      body: { invited_email: `boss-${randomUUID()}@example.com`, role: 'owner' },
    });
    expect(invite.status).toBe(403);
  });

  it('admins manage non-owners; the members list shows the team', async () => {
    const outsider = await createMember(deps);
    const added = await send(app, 'post', `${TENANTS}/members`, {
      token: adminToken,
      body: { email: outsider.email, role: 'viewer' },
    });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({
      user_id: outsider.userId,
      role: 'viewer',
      invited_by: admin.userId,
    });
    const duplicate = await send(app, 'post', `${TENANTS}/members`, {
      token: adminToken,
      body: { email: outsider.email, role: 'viewer' },
    });
    expect(duplicate.status).toBe(409);
    const unknown = await send(app, 'post', `${TENANTS}/members`, {
      token: adminToken,
      body: { email: `nobody-${randomUUID()}@example.com`, role: 'viewer' },
    });
    expect(unknown.status).toBe(404);
    const changed = await send(app, 'patch', `${TENANTS}/members/${outsider.userId}/role`, {
      token: adminToken,
      body: { role: 'member' },
    });
    expect(await changed.json()).toMatchObject({ role: 'member' });
    const listed = await send(app, 'get', `${TENANTS}/members?limit=200`, { token: adminToken });
    const page = (await listed.json()) as { items: { user_id: string; email: string }[]; total: number };
    expect(page.items.map((item) => item.user_id)).toEqual(
      expect.arrayContaining([owner.userId, outsider.userId]),
    );
    const removed = await send(app, 'delete', `${TENANTS}/members/${outsider.userId}`, { token: adminToken });
    expect(removed.status).toBe(200);
    const gone = await send(app, 'delete', `${TENANTS}/members/${outsider.userId}`, { token: adminToken });
    expect(gone.status).toBe(404);
  });

  it('protects the last owner from demotion and removal', async () => {
    const demote = await send(app, 'patch', `${TENANTS}/members/${owner.userId}/role`, {
      token: ownerToken,
      body: { role: 'admin' },
    });
    expect(demote.status).toBe(409);
    const remove = await send(app, 'delete', `${TENANTS}/members/${owner.userId}`, { token: ownerToken });
    expect(remove.status).toBe(409);
    expect(await remove.json()).toMatchObject({ success: false, error: 'Conflict' });
  });

  it('answers malformed bodies with the 422 envelope', async () => {
    const response = await send(app, 'post', `${TENANTS}/members`, {
      token: adminToken,
      body: { email: 'not-an-email', role: 'emperor' },
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      success: false,
      error: 'ValidationError',
      message: 'Request validation failed.',
    });
    const broken = await send(app, 'patch', `${TENANTS}/account`, { token: adminToken, body: '{"name":' });
    expect(broken.status).toBe(400);
    const settings = await send(app, 'put', `${TENANTS}/settings`, {
      token: adminToken,
      body: { billing_webhook_url: 'ftp://example.com/hook' },
      headers: { 'if-match': '"1"' },
    });
    expect(settings.status).toBe(422);
  });

  it('documents the tenant, signup and platform routes in the OpenAPI document', async () => {
    const response = await app.request('/openapi.json');
    expect(response.status).toBe(200);
    const { paths } = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        `${TENANTS}/settings`,
        `${TENANTS}/members/{user_id}/role`,
        `${TENANTS}/invites/accept/current`,
        '/api/v1/auth/register',
        '/api/v1/auth/signup-requests/{id}/approve',
        '/api/v1/platform/tenants/{tenant_id}/features',
      ]),
    );
    expect(Object.keys(paths[`${TENANTS}/settings`] ?? {}).sort()).toEqual(['get', 'put']);
  });

  it('replaces settings only with a current If-Match (428 without, 409 when stale)', async () => {
    const read = await send(app, 'get', `${TENANTS}/settings`, { token: adminToken });
    expect(read.status).toBe(200);
    const settings = (await read.json()) as { version: number };
    const etag = read.headers.get('etag');
    expect(etag).toBe(`"${settings.version}"`);
    const body = { billing_contacts: [{ email: 'billing@example.com' }], flags: { theme: 'dark' } };

    const missing = await send(app, 'put', `${TENANTS}/settings`, { token: adminToken, body });
    expect(missing.status).toBe(428);
    expect(await missing.json()).toMatchObject({ success: false });

    const replaced = await send(app, 'put', `${TENANTS}/settings`, {
      token: adminToken,
      body,
      headers: { 'if-match': etag ?? '' },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.headers.get('etag')).toBe(`"${settings.version + 1}"`);
    expect(await replaced.json()).toMatchObject({ flags: { theme: 'dark' }, version: settings.version + 1 });

    const stale = await send(app, 'put', `${TENANTS}/settings`, {
      token: adminToken,
      body,
      headers: { 'if-match': etag ?? '' },
    });
    expect(stale.status).toBe(409);
    const reserved = await send(app, 'put', `${TENANTS}/settings`, {
      token: adminToken,
      body: { flags: { 'feature.billing': true } },
      headers: { 'if-match': `"${settings.version + 1}"` },
    });
    expect(reserved.status).toBe(403);
  });

  it('invites a new user who accepts, signs in, and can act in the tenant', async () => {
    expect(await (await send(app, 'get', `${TENANTS}/invites/policy`, { token: adminToken })).json()).toEqual(
      {
        default_expires_hours: 72,
        max_expires_hours: 336,
      },
    );
    const email = `invitee-${randomUUID()}@example.com`;
    const created = await send(app, 'post', `${TENANTS}/invites`, {
      token: adminToken,
      body: { invited_email: email, role: 'member' },
    });
    expect(created.status).toBe(201);
    const invite = (await created.json()) as { id: string; invite_token: string; status: string };
    expect(invite.status).toBe('pending');
    const listed = await send(app, 'get', `${TENANTS}/invites?status=pending`, { token: adminToken });
    expect(((await listed.json()) as { items: { id: string }[] }).items.map((item) => item.id)).toContain(
      invite.id,
    );

    const accepted = await send(app, 'post', `${TENANTS}/invites/accept`, {
      body: { token: invite.invite_token, password: `Invitee-Pass-${randomUUID()}` },
    });
    expect(accepted.status).toBe(201);
    const tokens = (await accepted.json()) as { access_token: string; tenant_id: string };
    expect(tokens.tenant_id).toBe(owner.tenantId);
    expect((await send(app, 'get', `${TENANTS}/invites/policy`, { token: tokens.access_token })).status).toBe(
      200,
    );

    const reused = await send(app, 'post', `${TENANTS}/invites/accept`, {
      body: { token: invite.invite_token, password: `Invitee-Pass-${randomUUID()}` },
    });
    expect(reused.status).toBe(409);
    const unknown = await send(app, 'post', `${TENANTS}/invites/accept`, {
      body: { token: 'no-such-token', password: 'whatever-password' },
    });
    expect(unknown.status).toBe(404);
  });

  it('lets an existing user accept as themselves, only for their own email; revokes pending invites', async () => {
    const existing = await createMember(deps);
    const existingToken = await accessToken(app, existing);
    const forExisting = await send(app, 'post', `${TENANTS}/invites`, {
      token: adminToken,
      body: { invited_email: existing.email, role: 'viewer' },
    });
    const { invite_token } = (await forExisting.json()) as { invite_token: string };
    const stranger = await accessToken(app, await createMember(deps));
    const wrongUser = await send(app, 'post', `${TENANTS}/invites/accept/current`, {
      token: stranger,
      body: { token: invite_token },
    });
    expect(wrongUser.status).toBe(403);
    expect(
      (await send(app, 'post', `${TENANTS}/invites/accept/current`, { body: { token: invite_token } }))
        .status,
    ).toBe(401);
    const joined = await send(app, 'post', `${TENANTS}/invites/accept/current`, {
      token: existingToken,
      body: { token: invite_token },
    });
    expect(joined.status).toBe(200);
    expect(await joined.json()).toMatchObject({
      tenant_id: owner.tenantId,
      user_id: existing.userId,
      role: 'viewer',
    });

    const pending = await send(app, 'post', `${TENANTS}/invites`, {
      token: adminToken,
      body: { invited_email: `revoked-${randomUUID()}@example.com`, role: 'viewer', expires_in_hours: 1 },
    });
    const { id } = (await pending.json()) as { id: string };
    const revoked = await send(app, 'post', `${TENANTS}/invites/${id}/revoke`, { token: adminToken });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ id, status: 'revoked' });
    expect((await send(app, 'post', `${TENANTS}/invites/${id}/revoke`, { token: adminToken })).status).toBe(
      404,
    );
  });
});
