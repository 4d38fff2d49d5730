import type { Selectable } from 'kysely';
import type {
  ActivityEventReceiptsTable,
  ActivityEventsTable,
  ActivityLastSeenTable,
} from './activity-tables.js';
import type {
  SecurityEventsTable,
  UserConsentsTable,
  UserLoginEventsTable,
  UserNotificationPreferencesTable,
} from './audit-tables.js';
import type {
  TenantMemberInvitesTable,
  TenantSignupInviteReservationsTable,
  TenantSignupInvitesTable,
  TenantSignupRequestsTable,
} from './invites-tables.js';
import type { UserMfaMethodsTable, UserRecoveryCodesTable } from './mfa-tables.js';
import type { ServiceAccountTokensTable, UserSessionsTable } from './sessions-tables.js';
import type {
  TenantAccountsTable,
  TenantSettingsTable,
  TenantUserMembershipsTable,
} from './tenants-tables.js';
import type { PasswordHistoryTable, UserProfilesTable, UsersTable } from './users-tables.js';

/** The Kysely schema of every table `@starter/identity` owns (spec §9.1, without the SSO tables). */
export interface IdentityDatabase {
  users: UsersTable;
  user_profiles: UserProfilesTable;
  password_history: PasswordHistoryTable;
  user_login_events: UserLoginEventsTable;
  tenant_accounts: TenantAccountsTable;
  tenant_settings: TenantSettingsTable;
  tenant_user_memberships: TenantUserMembershipsTable;
  tenant_member_invites: TenantMemberInvitesTable;
  tenant_signup_invites: TenantSignupInvitesTable;
  tenant_signup_invite_reservations: TenantSignupInviteReservationsTable;
  tenant_signup_requests: TenantSignupRequestsTable;
  user_sessions: UserSessionsTable;
  service_account_tokens: ServiceAccountTokensTable;
  user_mfa_methods: UserMfaMethodsTable;
  user_recovery_codes: UserRecoveryCodesTable;
  security_events: SecurityEventsTable;
  user_consents: UserConsentsTable;
  user_notification_preferences: UserNotificationPreferencesTable;
  activity_events: ActivityEventsTable;
  activity_event_receipts: ActivityEventReceiptsTable;
  activity_last_seen: ActivityLastSeenTable;
}

/** A row of an identity table, as selected. */
export type IdentityRow<T extends keyof IdentityDatabase> = Selectable<IdentityDatabase[T]>;

export type UserRow = IdentityRow<'users'>;
export type UserProfileRow = IdentityRow<'user_profiles'>;
export type TenantAccountRow = IdentityRow<'tenant_accounts'>;
export type TenantSettingsRow = IdentityRow<'tenant_settings'>;
export type MembershipRow = IdentityRow<'tenant_user_memberships'>;
export type UserSessionRow = IdentityRow<'user_sessions'>;
export type RefreshTokenRow = IdentityRow<'service_account_tokens'>;
export type MfaMethodRow = IdentityRow<'user_mfa_methods'>;
export type RecoveryCodeRow = IdentityRow<'user_recovery_codes'>;
export type SecurityEventRow = IdentityRow<'security_events'>;
export type LoginEventRow = IdentityRow<'user_login_events'>;
export type ConsentRow = IdentityRow<'user_consents'>;
export type NotificationPreferenceRow = IdentityRow<'user_notification_preferences'>;
