import type { UserId } from '@starter/contracts';
import type { ColumnType, Generated, GeneratedAlways } from 'kysely';
import type { PlatformRole, UserStatus } from './identity-enums.js';

/** A `timestamptz` column with a `now()` default. */
export type CreatedAt = ColumnType<Date, Date | undefined, Date>;

export interface UsersTable {
  id: Generated<UserId>;
  /** Stored as typed; uniqueness and lookups are case-insensitive via `lower(email)`. */
  email: string;
  /** Null for accounts that cannot log in with a password (e.g. invited, not yet accepted). */
  password_hash: string | null;
  password_pepper_version: ColumnType<number, number | undefined, number>;
  status: ColumnType<UserStatus, UserStatus | undefined, UserStatus>;
  locked_until: Date | null;
  platform_role: PlatformRole | null;
  email_verified_at: Date | null;
  password_changed_at: Date | null;
  last_login_at: Date | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface UserProfilesTable {
  user_id: UserId;
  display_name: string | null;
  given_name: string | null;
  family_name: string | null;
  avatar_url: string | null;
  timezone: string | null;
  locale: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface PasswordHistoryTable {
  id: GeneratedAlways<number>;
  user_id: UserId;
  password_hash: string;
  password_pepper_version: number;
  created_at: CreatedAt;
}
