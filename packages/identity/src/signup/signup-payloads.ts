import type { SignupInviteRow } from './signup-invites-repository.js';
import type { SignupRequestRow } from './signup-requests-repository.js';

/** An operator signup invite (never its token, except `invite_token` once on issue). */
export function signupInvitePayload(row: SignupInviteRow) {
  return {
    id: row.id,
    invited_email: row.invited_email,
    token_hint: row.token_hint,
    status: row.status,
    max_redemptions: row.max_redemptions,
    redeemed_count: row.redeemed_count,
    expires_at: row.expires_at.toISOString(),
    signup_request_id: row.signup_request_id,
    note: row.note,
    issued_by: row.issued_by,
    revoked_at: row.revoked_at?.toISOString() ?? null,
    revoked_reason: row.revoked_reason,
    created_at: row.created_at.toISOString(),
  };
}
/** A signup invite payload. */
export type SignupInvitePayload = ReturnType<typeof signupInvitePayload>;

/** An access request as operators see it (the IP only as its hash). */
export function signupRequestPayload(row: SignupRequestRow) {
  return {
    id: row.id,
    email: row.email,
    organization: row.organization,
    full_name: row.full_name,
    message: row.message,
    status: row.status,
    decision_reason: row.decision_reason,
    decided_by: row.decided_by,
    decided_at: row.decided_at?.toISOString() ?? null,
    invite_id: row.invite_id,
    created_at: row.created_at.toISOString(),
  };
}
/** A signup request payload. */
export type SignupRequestPayload = ReturnType<typeof signupRequestPayload>;
