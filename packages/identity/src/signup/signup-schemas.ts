import { z } from 'zod';
import { SIGNUP_INVITE_STATUSES, SIGNUP_REQUEST_STATUSES } from '../schema/identity-enums.js';
import { AdminPageQuerySchema } from '../tenant-admin/tenant-admin-schemas.js';

const email = z.email().max(320);

/** POST /auth/register. */
export const RegisterBodySchema = z.object({
  email,
  password: z.string().min(1).max(1024),
  tenant_name: z.string().trim().min(2).max(128),
  display_name: z.string().trim().min(1).max(128).optional(),
  plan_code: z.string().trim().min(1).max(64).optional(),
  trial_days: z.number().int().min(0).max(365).optional(),
  accept_terms: z.literal(true),
  invite_token: z.string().min(1).max(512).optional(),
});
export type RegisterBody = z.infer<typeof RegisterBodySchema>;

/** POST /auth/request-access; `honeypot` is a hidden form field only bots fill in. */
export const RequestAccessBodySchema = z.object({
  email,
  organization: z.string().trim().min(1).max(128),
  full_name: z.string().trim().min(1).max(128),
  message: z.string().trim().max(2000).optional(),
  honeypot: z.string().max(512).optional(),
});
export type RequestAccessBody = z.infer<typeof RequestAccessBodySchema>;

/** GET /auth/signup-requests query. */
export const ListSignupRequestsQuerySchema = AdminPageQuerySchema.extend({
  status: z.enum(SIGNUP_REQUEST_STATUSES).optional(),
});
export type ListSignupRequestsQuery = z.infer<typeof ListSignupRequestsQuerySchema>;

/** POST /auth/signup-requests/{id}/approve. */
export const ApproveSignupRequestBodySchema = z.object({
  note: z.string().trim().max(512).optional(),
  invite_expires_in_hours: z.number().int().min(1).max(336).optional(),
});
export type ApproveSignupRequestBody = z.infer<typeof ApproveSignupRequestBodySchema>;

/** POST /auth/signup-requests/{id}/reject. */
export const RejectSignupRequestBodySchema = z.object({ reason: z.string().trim().max(512).optional() });
export type RejectSignupRequestBody = z.infer<typeof RejectSignupRequestBodySchema>;

/** GET /auth/invites query. */
export const ListSignupInvitesQuerySchema = AdminPageQuerySchema.extend({
  status: z.enum(SIGNUP_INVITE_STATUSES).optional(),
  email: z.string().trim().min(1).max(320).optional(),
  request_id: z.uuid().optional(),
});
export type ListSignupInvitesQuery = z.infer<typeof ListSignupInvitesQuerySchema>;

/** POST /auth/invites. */
export const IssueSignupInviteBodySchema = z.object({
  invited_email: email.optional(),
  max_redemptions: z.number().int().min(1).max(10).default(1),
  expires_in_hours: z.number().int().min(1).max(336).default(72),
  note: z.string().trim().max(512).optional(),
  signup_request_id: z.uuid().optional(),
});
export type IssueSignupInviteBody = z.infer<typeof IssueSignupInviteBodySchema>;
