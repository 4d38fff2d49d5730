import { AppError, type Clock } from '@starter/contracts';
import type { Kysely } from 'kysely';
import type { PasswordHasher } from '../passwords/password-hasher.js';
import type { PasswordPolicy } from '../passwords/password-policy.js';
import { inTransaction } from '../repositories/in-transaction.js';
import { isUuid } from '../repositories/is-uuid.js';
import { createMembershipsRepository } from '../repositories/memberships-repository.js';
import { createUsersRepository } from '../repositories/users-repository.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import type { IssueSession, RequestOrigin, SessionTokens } from '../session-issuing/session-issuer.js';
import type { AccountCaller, TenantCaller } from './caller-context.js';
import { INVITE_POLICY, inviteExpiry } from './invite-expiry.js';
import { hashInviteToken, mintInviteToken } from './invite-token.js';
import { createMemberInvitesRepository, type TenantMemberInviteRow } from './member-invites-repository.js';
import { assertMayGrant } from './owner-rules.js';
import type {
  AcceptInviteBody,
  AcceptInviteCurrentBody,
  CreateMemberInviteBody,
  ListMemberInvitesQuery,
} from './tenant-admin-schemas.js';
import {
  type MemberInvitePayload,
  type MembershipPayload,
  memberInvitePayload,
  membershipPayload,
  offsetPagePayload,
} from './tenant-payloads.js';

/** What the team invite flows need. */
export interface TenantInvitesDeps {
  db: Kysely<IdentityDatabase>;
  clock: Clock;
  /** Pepper of the invite token hashes. */
  inviteTokenPepper: string;
  passwordHasher: PasswordHasher;
  passwordPolicy: PasswordPolicy;
  issueSession: IssueSession;
}

/** Team invites (spec §1.8): policy, list, create, revoke, and acceptance by a new or the current user. */
export interface TenantInvites {
  invitePolicy(): typeof INVITE_POLICY;
  listInvites(
    caller: TenantCaller,
    query: ListMemberInvitesQuery,
  ): Promise<ReturnType<typeof offsetPagePayload<MemberInvitePayload>>>;
  /** Creates an invite; `invite_token` is returned here once and never again. */
  createInvite(
    caller: TenantCaller,
    body: CreateMemberInviteBody,
  ): Promise<MemberInvitePayload & { invite_token: string }>;
  revokeInvite(caller: TenantCaller, inviteId: string): Promise<MemberInvitePayload>;
  /** A new user accepts: creates user + membership in one transaction, then logs them in. */
  acceptInvite(body: AcceptInviteBody, origin: RequestOrigin): Promise<SessionTokens>;
  /** The signed-in user joins the invite's tenant. */
  acceptInviteAsCurrentUser(caller: AccountCaller, body: AcceptInviteCurrentBody): Promise<MembershipPayload>;
}

/** Creates the team invite flows. */
export function createTenantInvites(deps: TenantInvitesDeps): TenantInvites {
  const { db, clock } = deps;
  const invites = createMemberInvitesRepository(db);
  const users = createUsersRepository(db);
  const memberships = createMembershipsRepository(db);

  /** Resolves a presented token to a pending, unexpired invite, or throws 404 / 409 / 410. */
  const usableInvite = async (token: string): Promise<TenantMemberInviteRow> => {
    const invite = await invites.findByTokenHash(hashInviteToken(deps.inviteTokenPepper, token));
    if (!invite) throw new AppError('NotFound', 'Invite not found.');
    if (invite.status === 'revoked') throw new AppError('Conflict', 'This invite has been revoked.');
    if (invite.status === 'accepted') throw new AppError('Conflict', 'This invite has already been used.');
    if (invite.status === 'expired' || invite.expires_at.getTime() <= clock.now()) {
      await invites.markExpired(invite.id);
      throw new AppError('Gone', 'This invite has expired.');
    }
    return invite;
  };

  const alreadyUsed = (): never => {
    throw new AppError('Conflict', 'This invite has already been used.');
  };

  return {
    invitePolicy: () => INVITE_POLICY,

    async listInvites(caller, query) {
      const filter = { limit: query.limit, offset: query.offset };
      const page = await invites.list(caller.tenantId, {
        ...filter,
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.email === undefined ? {} : { email: query.email }),
      });
      return offsetPagePayload(page.items.map(memberInvitePayload), page.total, filter);
    },

    async createInvite(caller, body) {
      assertMayGrant(caller.role, body.role);
      const existing = await users.findByEmail(body.invited_email);
      if (existing && (await memberships.find(caller.tenantId, existing.id))) {
        throw new AppError('Conflict', 'User is already a member of this tenant.');
      }
      const minted = mintInviteToken(deps.inviteTokenPepper);
      const row = await invites.create({
        tenantId: caller.tenantId,
        tokenHash: minted.hash,
        tokenHint: minted.hint,
        invitedEmail: body.invited_email,
        role: body.role,
        expiresAt: inviteExpiry(clock.date(), body.expires_in_hours),
        invitedBy: caller.userId,
      });
      return { ...memberInvitePayload(row), invite_token: minted.token };
    },

    async revokeInvite(caller, inviteId) {
      const row = isUuid(inviteId)
        ? await invites.revoke(caller.tenantId, inviteId, 'tenant_admin_revoked', clock.date())
        : undefined;
      if (!row) throw new AppError('NotFound', 'Pending invite not found.');
      return memberInvitePayload(row);
    },

    async acceptInvite(body, origin) {
      const invite = await usableInvite(body.token);
      if (await users.findByEmail(invite.invited_email)) {
        throw new AppError('Conflict', 'An account with this email already exists; sign in to accept.');
      }
      deps.passwordPolicy.assertAcceptable(body.password, { email: invite.invited_email });
      const passwordHash = await deps.passwordHasher.hash(body.password);
      const userId = await inTransaction(db, async (trx) => {
        const { user } = await createUsersRepository(trx).create({
          // The token reached this mailbox, which proves the address as well as a verification link would.
          user: { email: invite.invited_email, password_hash: passwordHash, email_verified_at: clock.date() },
          profile: { display_name: body.display_name ?? null },
        });
        await createMembershipsRepository(trx).add(invite.tenant_id, {
          userId: user.id,
          role: invite.role,
          invitedBy: invite.invited_by,
        });
        const accepted = await createMemberInvitesRepository(trx).markAccepted(
          invite.id,
          user.id,
          clock.date(),
        );
        if (!accepted) alreadyUsed();
        return user.id;
      });
      return deps.issueSession({ userId, tenantId: invite.tenant_id, origin, reason: 'invite_accept' });
    },

    async acceptInviteAsCurrentUser(caller, body) {
      const invite = await usableInvite(body.token);
      const user = await users.findById(caller.userId);
      if (!user || user.email.toLowerCase() !== invite.invited_email.toLowerCase()) {
        throw new AppError('Forbidden', 'This invite was issued to a different email address.');
      }
      const membership = await inTransaction(db, async (trx) => {
        const row = await createMembershipsRepository(trx).add(invite.tenant_id, {
          userId: user.id,
          role: invite.role,
          invitedBy: invite.invited_by,
        });
        const accepted = await createMemberInvitesRepository(trx).markAccepted(
          invite.id,
          user.id,
          clock.date(),
        );
        if (!accepted) alreadyUsed();
        return row;
      });
      return membershipPayload(membership);
    },
  };
}
