import { asId } from '@starter/contracts';
import type { ActivityEventRow, ActivityRecorder } from '../activity/activity-recorder.js';
import type { RequestOrigin } from '../session-issuing/session-issuer.js';
import type { IssuedServiceAccountToken } from './service-account-payload.js';

/**
 * Records `auth.service_account.issued` for a machine issuance (signed vault payload or dev-demo),
 * the path with no user behind it: the account itself is the actor. Browser issuance records its own.
 */
export function recordMachineIssuance(
  activity: ActivityRecorder,
  issued: IssuedServiceAccountToken,
  context: { via: string; origin: RequestOrigin },
): Promise<ActivityEventRow> {
  return activity.record({
    action: 'auth.service_account.issued',
    tenantId: issued.tenant_id === null ? null : asId<'TenantId'>(issued.tenant_id),
    actor: { type: 'service_account', id: issued.account },
    object: { type: 'service_account_token', id: issued.jti, name: issued.account },
    origin: context.origin,
    metadata: { account: issued.account, reused: issued.reused, via: context.via },
  });
}
