/**
 * Closed value sets stored in text columns. The migrations turn each list into a CHECK constraint, so
 * the database and the types accept exactly the same values.
 */
export const USER_STATUSES = ['active', 'pending', 'disabled', 'locked'] as const;
/** A user account status (spec §7.5). */
export type UserStatus = (typeof USER_STATUSES)[number];

export const PLATFORM_ROLES = ['platform_operator'] as const;
/** A platform-wide role (not a tenant role). */
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export const TENANT_STATUSES = [
  'provisioning',
  'active',
  'suspended',
  'deprovisioning',
  'deprovisioned',
] as const;
/** A tenant account lifecycle status (spec §9.1). */
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export const MEMBERSHIP_ROLES = ['viewer', 'member', 'admin', 'owner'] as const;

export const MEMBER_INVITE_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
/** A team invite status. */
export type MemberInviteStatus = (typeof MEMBER_INVITE_STATUSES)[number];

export const SIGNUP_INVITE_STATUSES = ['active', 'exhausted', 'revoked', 'expired'] as const;
/** An operator signup invite status. */
export type SignupInviteStatus = (typeof SIGNUP_INVITE_STATUSES)[number];

export const SIGNUP_RESERVATION_STATUSES = ['reserved', 'released', 'consumed'] as const;
/** A signup invite reservation status (spec §7.6: reserved, then released on failure or consumed). */
export type SignupReservationStatus = (typeof SIGNUP_RESERVATION_STATUSES)[number];

export const SIGNUP_REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;
/** An access request status. */
export type SignupRequestStatus = (typeof SIGNUP_REQUEST_STATUSES)[number];

export const TOKEN_ACCOUNT_KINDS = ['user', 'service_account'] as const;
/** Whose refresh token a `service_account_tokens` row holds. */
export type TokenAccountKind = (typeof TOKEN_ACCOUNT_KINDS)[number];

export const MFA_METHOD_TYPES = ['totp', 'webauthn'] as const;
/** An MFA method type; WebAuthn is reserved (spec §7.4). */
export type MfaMethodType = (typeof MFA_METHOD_TYPES)[number];

export const LOGIN_RESULTS = ['success', 'failure', 'locked'] as const;
/** Outcome of one login attempt. */
export type LoginResult = (typeof LOGIN_RESULTS)[number];
