import { AppError } from '@starter/contracts';
import type { CallerContext, FlowResult } from '../password-flows/caller-context.js';
import { createUsersRepository, type UserProfileFields } from '../repositories/users-repository.js';
import { type AccountFlows, createAccountFlows } from './account-flows.js';
import { createPreferencesFlows, type PreferencesFlows } from './preferences-flows.js';
import type { UpdateProfileBody } from './profile-schemas.js';
import type { ProfileServiceDeps } from './profile-service-deps.js';
import { findProfileView, type ProfileView } from './profile-view.js';

/** The `/users` routes of spec §1.9, one method per route. */
export type ProfileService = AccountFlows &
  PreferencesFlows & {
    /** The caller's profile, with the role of the token's tenant and the verification state. */
    getMe(caller: CallerContext): Promise<FlowResult<ProfileView>>;
    /** Applies a partial profile update and returns the new profile. */
    updateProfile(caller: CallerContext, patch: UpdateProfileBody): Promise<FlowResult<ProfileView>>;
  };

/** Creates the profile service. */
export function createProfileService(deps: ProfileServiceDeps): ProfileService {
  const users = createUsersRepository(deps.db);

  const load = async (caller: CallerContext): Promise<ProfileView> => {
    const view = await findProfileView(deps.db, caller.userId, caller.tenantId);
    if (!view) throw new AppError('NotFound', 'User not found.');
    return view;
  };

  return {
    ...createAccountFlows(deps),
    ...createPreferencesFlows(deps),

    async getMe(caller) {
      return { message: 'Profile.', data: await load(caller) };
    },

    async updateProfile(caller, patch) {
      const fields: UserProfileFields = {};
      // Only keys present in the patch change; an explicit null clears a field.
      for (const [key, value] of Object.entries(patch) as [
        keyof UserProfileFields,
        string | null | undefined,
      ][]) {
        if (value !== undefined) fields[key] = value === '' ? null : value;
      }
      if (Object.keys(fields).length > 0) {
        const updated = await users.updateProfile(caller.userId, fields);
        if (!updated) throw new AppError('NotFound', 'Profile not found.');
        deps.logger.info(
          { event: 'user.profile_update', user_id: caller.userId, fields: Object.keys(fields) },
          'Profile updated',
        );
      }
      return { message: 'Profile updated.', data: await load(caller) };
    },
  };
}
