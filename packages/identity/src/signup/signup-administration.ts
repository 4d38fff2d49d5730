import { AppError } from '@starter/contracts';
import { inTransaction } from '../repositories/in-transaction.js';
import { isUuid } from '../repositories/is-uuid.js';
import { type AccountCaller, actorOf } from '../tenant-admin/caller-context.js';
import { inviteExpiry } from '../tenant-admin/invite-expiry.js';
import { mintInviteToken } from '../tenant-admin/invite-token.js';
import { offsetPagePayload } from '../tenant-admin/tenant-payloads.js';
import type { SignupDeps } from './signup-deps.js';
import { createSignupInvitesRepository } from './signup-invites-repository.js';
import {
  type SignupInvitePayload,
  type SignupRequestPayload,
  signupInvitePayload,
  signupRequestPayload,
} from './signup-payloads.js';
import { createSignupRequestsRepository } from './signup-requests-repository.js';
import type {
  ApproveSignupRequestBody,
  IssueSignupInviteBody,
  ListSignupInvitesQuery,
  ListSignupRequestsQuery,
  RejectSignupRequestBody,
} from './signup-schemas.js';

type Page<T> = ReturnType<typeof offsetPagePayload<T>>;
/** An invite with its one-time token, returned only when it is issued. */
export type IssuedSignupInvite = SignupInvitePayload & { invite_token: string };

/** Operator management of signup invites and access requests (`auth:invites`, `auth:signup_requests`). */
export interface SignupAdministration {
  listInvites(query: ListSignupInvitesQuery): Promise<Page<SignupInvitePayload>>;
  issueInvite(caller: AccountCaller, body: IssueSignupInviteBody): Promise<IssuedSignupInvite>;
  revokeInvite(caller: AccountCaller, inviteId: string): Promise<SignupInvitePayload>;
  listRequests(query: ListSignupRequestsQuery): Promise<Page<SignupRequestPayload>>;
  /** Approves a pending request and issues an invite for its email, in one transaction. */
  approveRequest(
    caller: AccountCaller,
    requestId: string,
    body: ApproveSignupRequestBody,
  ): Promise<{ request: SignupRequestPayload; invite: IssuedSignupInvite }>;
  rejectRequest(
    caller: AccountCaller,
    requestId: string,
    body: RejectSignupRequestBody,
  ): Promise<SignupRequestPayload>;
}

/** Creates the operator side of signup; the acting operator is recorded on every write. */
export function createSignupAdministration(
  deps: Pick<SignupDeps, 'db' | 'clock' | 'inviteTokenPepper'>,
): SignupAdministration {
  const { db, clock } = deps;
  const invites = createSignupInvitesRepository(db);
  const requests = createSignupRequestsRepository(db);

  const pendingRequest = async (requestId: string) => {
    const request = isUuid(requestId) ? await requests.findById(requestId) : undefined;
    if (!request) throw new AppError('NotFound', 'Signup request not found.');
    if (request.status !== 'pending')
      throw new AppError('Conflict', `Signup request is already ${request.status}.`);
    return request;
  };

  const issue = async (
    repository: typeof invites,
    caller: AccountCaller,
    fields: {
      email: string | null;
      maxRedemptions: number;
      hours: number;
      note: string | null;
      requestId: string | null;
    },
  ): Promise<IssuedSignupInvite> => {
    const minted = mintInviteToken(deps.inviteTokenPepper);
    const row = await repository.create({
      tokenHash: minted.hash,
      tokenHint: minted.hint,
      invitedEmail: fields.email,
      maxRedemptions: fields.maxRedemptions,
      expiresAt: inviteExpiry(clock.date(), fields.hours),
      signupRequestId: fields.requestId,
      note: fields.note,
      issuedBy: actorOf(caller),
    });
    return { ...signupInvitePayload(row), invite_token: minted.token };
  };

  return {
    async listInvites(query) {
      const page = await invites.list({
        limit: query.limit,
        offset: query.offset,
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.email === undefined ? {} : { email: query.email }),
        ...(query.request_id === undefined ? {} : { requestId: query.request_id }),
      });
      return offsetPagePayload(page.items.map(signupInvitePayload), page.total, query);
    },

    async issueInvite(caller, body) {
      if (body.signup_request_id !== undefined && !(await requests.findById(body.signup_request_id))) {
        throw new AppError('NotFound', 'Signup request not found.');
      }
      return issue(invites, caller, {
        email: body.invited_email ?? null,
        maxRedemptions: body.max_redemptions,
        hours: body.expires_in_hours,
        note: body.note ?? null,
        requestId: body.signup_request_id ?? null,
      });
    },

    async revokeInvite(_caller, inviteId) {
      const row = isUuid(inviteId)
        ? await invites.revoke(inviteId, 'operator_action', clock.date())
        : undefined;
      if (!row) throw new AppError('NotFound', 'Active signup invite not found.');
      return signupInvitePayload(row);
    },

    async listRequests(query) {
      const page = await requests.list({
        limit: query.limit,
        offset: query.offset,
        ...(query.status === undefined ? {} : { status: query.status }),
      });
      return offsetPagePayload(page.items.map(signupRequestPayload), page.total, query);
    },

    async approveRequest(caller, requestId, body) {
      const request = await pendingRequest(requestId);
      return inTransaction(db, async (trx) => {
        const invite = await issue(createSignupInvitesRepository(trx), caller, {
          email: request.email,
          maxRedemptions: 1,
          hours: body.invite_expires_in_hours ?? 72,
          note: body.note ?? null,
          requestId: request.id,
        });
        const decided = await createSignupRequestsRepository(trx).decide(request.id, {
          status: 'approved',
          reason: body.note ?? null,
          decidedBy: actorOf(caller),
          at: clock.date(),
          inviteId: invite.id,
        });
        if (!decided) throw new AppError('Conflict', 'Signup request was decided concurrently.');
        return { request: signupRequestPayload(decided), invite };
      });
    },

    async rejectRequest(caller, requestId, body) {
      const request = await pendingRequest(requestId);
      const decided = await requests.decide(request.id, {
        status: 'rejected',
        reason: body.reason ?? null,
        decidedBy: actorOf(caller),
        at: clock.date(),
      });
      if (!decided) throw new AppError('Conflict', 'Signup request was decided concurrently.');
      return signupRequestPayload(decided);
    },
  };
}
