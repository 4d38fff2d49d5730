import { TenantIdSchema } from '@starter/contracts';
import { z } from 'zod';

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** Body of `PATCH /users/me/profile`: any subset of the fields; null clears one. */
export const UpdateProfileBodySchema = z.strictObject({
  display_name: optionalText(128),
  given_name: optionalText(64),
  family_name: optionalText(64),
  avatar_url: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .nullable()
    .optional(),
  timezone: optionalText(64),
  locale: optionalText(32),
});
export type UpdateProfileBody = z.infer<typeof UpdateProfileBodySchema>;

/** Body of `PATCH /users/me/email`. */
export const ChangeEmailBodySchema = z.object({
  new_email: z.email().max(320),
  current_password: z.string().min(1).max(1024),
});
export type ChangeEmailBody = z.infer<typeof ChangeEmailBodySchema>;

/** Body of `POST /users/me/disable`. */
export const DisableAccountBodySchema = z.object({ current_password: z.string().min(1).max(1024) });
export type DisableAccountBody = z.infer<typeof DisableAccountBodySchema>;

/** Body of `POST /users/consents`. */
export const RecordConsentBodySchema = z.object({
  policy_key: z.string().trim().min(1).max(64),
  version: z.string().trim().min(1).max(32),
  ip_hash: z.string().max(128).nullable().optional(),
  user_agent_hash: z.string().max(128).nullable().optional(),
});
export type RecordConsentBody = z.infer<typeof RecordConsentBodySchema>;

/** Body of `PUT /users/notification-preferences`; `tenant_id: null` sets a cross-tenant preference. */
export const UpsertNotificationPreferenceBodySchema = z.object({
  channel: z.string().trim().min(1).max(16),
  category: z.string().trim().min(1).max(64),
  enabled: z.boolean().default(true),
  tenant_id: TenantIdSchema.nullable().optional(),
});
export type UpsertNotificationPreferenceBody = z.infer<typeof UpsertNotificationPreferenceBodySchema>;
