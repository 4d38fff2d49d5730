import { AppError, asId, type Clock } from '@starter/contracts';
import type { Kysely } from 'kysely';
import type { ActivityRecorder } from '../activity/activity-recorder.js';
import { createSecurityEventsRepository } from '../repositories/security-events-repository.js';
import type { IdentityDatabase } from '../schema/identity-database.js';
import { offsetPagePayload } from '../tenant-admin/tenant-payloads.js';
import { type ServiceAccountActor, serviceAccountAccess } from './service-account-actor.js';
import type { ServiceAccountCatalog } from './service-account-catalog.js';
import type { IssueServiceAccountToken } from './service-account-issuer.js';
import {
  type IssuedServiceAccountToken,
  type ServiceAccountTokenPayload,
  serviceAccountTokenPayload,
} from './service-account-payload.js';
import type {
  BrowserIssueServiceAccountBody,
  ListServiceAccountTokensQuery,
  RevokeServiceAccountTokenBody,
} from './service-account-schemas.js';
import { createServiceAccountTokensRepository } from './service-account-tokens-repository.js';

/** The SA-actor routes: browser issuance, token list and revoke (spec §1.7). */
export interface ServiceAccountAdministration {
  /** Issues from the UI with a mandatory reason; tenant admins only for tenant-bound accounts of their tenant. */
  browserIssue(
    actor: ServiceAccountActor,
    body: BrowserIssueServiceAccountBody,
  ): Promise<IssuedServiceAccountToken>;
  listTokens(
    actor: ServiceAccountActor,
    query: ListServiceAccountTokensQuery,
  ): Promise<ReturnType<typeof offsetPagePayload<ServiceAccountTokenPayload>>>;
  /** Revokes a token; operators must give a reason, tenant admins only reach their own tenant's tokens. */
  revokeToken(
    actor: ServiceAccountActor,
    jti: string,
    body: RevokeServiceAccountTokenBody,
  ): Promise<ServiceAccountTokenPayload>;
}

/** Creates the SA-actor routes over an issuer. */
export function createServiceAccountAdministration(deps: {
  db: Kysely<IdentityDatabase>;
  clock: Clock;
  catalog: ServiceAccountCatalog;
  issue: IssueServiceAccountToken;
  /** The tenant activity log; a global token's events are logged with no tenant. */
  activity?: ActivityRecorder;
}): ServiceAccountAdministration {
  const tokens = createServiceAccountTokensRepository(deps.db);
  const events = createSecurityEventsRepository(deps.db);
  const activityActor = (actor: ServiceAccountActor) => ({
    type: serviceAccountAccess(actor).kind === 'operator' ? ('operator' as const) : ('user' as const),
    id: actor.userId,
    role: actor.role,
  });

  return {
    async browserIssue(actor, body) {
      const access = serviceAccountAccess(actor);
      if (access.kind === 'tenant_admin') {
        const tenantBound = deps.catalog.accounts[body.account]?.tenant_bound === true;
        if (!tenantBound || (body.tenant_id !== undefined && body.tenant_id !== access.tenantId)) {
          throw new AppError(
            'Forbidden',
            'Tenant admins may only issue tenant-bound tokens for their own tenant.',
          );
        }
      }
      const tenantId = access.kind === 'tenant_admin' ? access.tenantId : body.tenant_id;
      const { reason, ...request } = body;
      const issued = await deps.issue({
        ...request,
        ...(tenantId === undefined ? {} : { tenant_id: tenantId }),
      });
      await events.record({
        eventType: 'service_account_token_issued',
        userId: actor.userId,
        tenantId: issued.tenant_id === null ? null : asId<'TenantId'>(issued.tenant_id),
        metadata: { account: issued.account, jti: issued.jti, reason, reused: issued.reused, via: 'browser' },
      });
      await deps.activity?.record({
        action: 'auth.service_account.issued',
        tenantId: issued.tenant_id === null ? null : asId<'TenantId'>(issued.tenant_id),
        actor: activityActor(actor),
        object: { type: 'service_account_token', id: issued.jti, name: issued.account },
        origin: actor.origin,
        metadata: { account: issued.account, reason, reused: issued.reused, via: 'browser' },
      });
      return issued;
    },

    async listTokens(actor, query) {
      const access = serviceAccountAccess(actor);
      if (
        access.kind === 'tenant_admin' &&
        (query.include_global || (query.tenant_id ?? access.tenantId) !== access.tenantId)
      ) {
        throw new AppError('Forbidden', 'Tenant admins can only list their own tenant’s tokens.');
      }
      const tenantIds =
        access.kind === 'tenant_admin'
          ? [access.tenantId]
          : query.tenant_id === undefined
            ? null
            : [asId<'TenantId'>(query.tenant_id)];
      const page = await tokens.list({
        limit: query.limit,
        offset: query.offset,
        status: query.status,
        tenantIds,
        // Without a tenant filter an operator sees everything, global tokens included.
        includeGlobal: query.include_global || tenantIds === null,
        now: deps.clock.date(),
        ...(query.account === undefined ? {} : { account: query.account }),
        ...(query.fingerprint === undefined ? {} : { fingerprint: query.fingerprint }),
      });
      return offsetPagePayload(page.items.map(serviceAccountTokenPayload), page.total, query);
    },

    async revokeToken(actor, jti, body) {
      const access = serviceAccountAccess(actor);
      if (access.kind === 'operator' && body.reason === undefined) {
        throw new AppError('BadRequest', 'Operators must give a reason to revoke a token.');
      }
      const existing = await tokens.findByJti(jti);
      // Another tenant's token answers like a missing one, so its jti's existence does not leak.
      if (!existing || (access.kind === 'tenant_admin' && existing.tenant_id !== access.tenantId)) {
        throw new AppError('NotFound', 'Token not found.');
      }
      const reason = body.reason ?? 'tenant_admin_manual_revoke';
      const revoked = await tokens.revoke(jti, reason, deps.clock.date());
      if (!revoked) throw new AppError('Conflict', 'Token is already revoked.');
      await events.record({
        eventType: 'service_account_token_revoked',
        userId: actor.userId,
        tenantId: revoked.tenant_id,
        metadata: { account: revoked.account, jti, reason },
      });
      await deps.activity?.record({
        action: 'auth.service_account.revoked',
        tenantId: revoked.tenant_id,
        actor: activityActor(actor),
        object: { type: 'service_account_token', id: jti, name: revoked.account },
        origin: actor.origin,
        metadata: { account: revoked.account, reason },
      });
      return serviceAccountTokenPayload(revoked);
    },
  };
}
