import type { TenantId, UserId } from '@starter/contracts';
import type { UserProfileRow, UserRow } from '../schema/identity-database.js';

/** The `GET /users/me` profile (spec §1.9). */
export interface ProfileView {
  user_id: UserId;
  tenant_id: TenantId | null;
  email: string;
  display_name: string | null;
  given_name: string | null;
  family_name: string | null;
  avatar_url: string | null;
  timezone: string | null;
  locale: string | null;
  /** The caller's role in the token's tenant; null without a tenant or membership. */
  role: string | null;
  email_verified: boolean;
}

/** Builds the profile view from the user row, its (optional) profile row and the membership role. */
export function toProfileView(
  user: UserRow,
  profile: UserProfileRow | undefined,
  tenantId: TenantId | null,
  role: string | null,
): ProfileView {
  return {
    user_id: user.id,
    tenant_id: tenantId,
    email: user.email,
    display_name: profile?.display_name ?? null,
    given_name: profile?.given_name ?? null,
    family_name: profile?.family_name ?? null,
    avatar_url: profile?.avatar_url ?? null,
    timezone: profile?.timezone ?? null,
    locale: profile?.locale ?? null,
    role,
    email_verified: user.email_verified_at !== null,
  };
}
