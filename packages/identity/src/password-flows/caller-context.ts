import type { SessionId, TenantId, UserId } from '@starter/contracts';
import type { RequestOrigin } from '../session-issuing/session-issuer.js';

/** Who is calling an authenticated flow: the verified access token's subject, tenant and session. */
export interface CallerContext {
  userId: UserId;
  tenantId: TenantId | null;
  sessionId: SessionId | null;
  origin: RequestOrigin;
}

/** What a flow hands its route: the success envelope's `message` and `data` (spec §0). */
export interface FlowResult<T> {
  message: string;
  data: T;
}
