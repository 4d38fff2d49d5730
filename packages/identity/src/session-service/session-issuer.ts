import { randomUUID } from 'node:crypto';
import { AppError, asId, type SessionId } from '@starter/contracts';
import type { Kysely } from 'kysely';
import type { TenantRole } from '../authorization/tenant-roles.js';
import { inTransaction } from '../repositories/in-transaction.js';
import { createMembershipsRepository } from '../repositories/memberships-repository.js';
import { createSessionsRepository } from '../repositories/sessions-repository.js';
import { createUsersRepository } from '../repositories/users-repository.js';
import type { IdentityDatabase, UserRow } from '../schema/identity-database.js';
import type { IssueSession, IssueSessionInput, SessionTokens } from '../session-issuing/session-issuer.js';
import { signSessionPair } from './session-pair.js';
import { SESSION_MESSAGES, type SessionServiceDeps } from './session-service-deps.js';

/** Extra writes that must commit (or roll back) together with the new session. */
export type Alongside = (trx: Kysely<IdentityDatabase>) => Promise<void>;

/** Issues sessions; `issueFor` skips the lookups when the caller already holds the user and role. */
export interface SessionIssuer {
  issue: IssueSession;
  issueFor(
    input: IssueSessionInput,
    known: { user: UserRow; role: TenantRole },
    alongside?: Alongside,
  ): Promise<SessionTokens>;
}

/** Creates the issuer behind `IssueSession`: sign first, then write session + token (+ extras) in one transaction. */
export function createSessionIssuer(deps: SessionServiceDeps): SessionIssuer {
  const { db, logger } = deps;

  const issueFor: SessionIssuer['issueFor'] = async (input, known, alongside) => {
    const sessionId = input.sessionId ?? (asId<'SessionId'>(randomUUID()) as SessionId);
    const pair = await signSessionPair(deps, {
      user: known.user,
      tenantId: input.tenantId,
      role: known.role,
      sessionId,
      origin: input.origin,
    });
    await inTransaction(db, async (trx) => {
      await createSessionsRepository(trx).create({
        sessionId,
        userId: known.user.id,
        tenantId: input.tenantId,
        details: pair.details,
        token: pair.refreshRow,
      });
      if (alongside !== undefined) await alongside(trx);
    });
    logger.info(
      {
        event: 'auth.user_session',
        user_id: known.user.id,
        tenant_id: input.tenantId,
        session_id: sessionId,
        reason: input.reason,
      },
      'Session issued',
    );
    return pair.tokens;
  };

  return {
    issueFor,
    async issue(input) {
      const user = await createUsersRepository(db).findById(input.userId);
      if (!user) throw new AppError('Unauthorized', SESSION_MESSAGES.invalidCredentials);
      const membership = await createMembershipsRepository(db).find(input.tenantId, input.userId);
      if (!membership) throw new AppError('Unauthorized', SESSION_MESSAGES.notMemberOfTenant);
      return issueFor(input, { user, role: membership.role });
    },
  };
}
