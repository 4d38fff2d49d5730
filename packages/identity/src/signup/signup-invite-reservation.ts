import { AppError, type Clock } from '@starter/contracts';
import { hashInviteToken } from '../tenant-admin/invite-token.js';
import type { SignupInvitesRepository, SignupReservationRow } from './signup-invites-repository.js';
import type { SignupAccessPolicy } from './signup-settings.js';

const REFUSED: Record<string, string> = {
  missing: 'An invite is required to sign up.',
  invalid: 'The invite is invalid.',
  revoked: 'The invite has been revoked.',
  expired: 'The invite has expired.',
  exhausted: 'The invite has already been used.',
  email: 'The invite was issued to a different email address.',
  approval: 'Signup requires an invite from an approved access request.',
};

function refuse(reason: keyof typeof REFUSED): never {
  throw new AppError('Forbidden', REFUSED[reason] ?? 'Signup is not allowed.', { details: { reason } });
}

/**
 * Checks the invite a registration presents and reserves one redemption (spec §7.6); null under the
 * public policy. Every invite problem is a 403.
 */
export async function reserveSignupInvite(input: {
  invites: SignupInvitesRepository;
  clock: Clock;
  pepper: string;
  policy: SignupAccessPolicy;
  token: string | undefined;
  email: string;
  reservationTtlSeconds: number;
  /** True when the access request an invite came from has been approved (the `approval` policy). */
  requestApproved: (requestId: string) => Promise<boolean>;
}): Promise<SignupReservationRow | null> {
  if (input.policy === 'public') return null;
  if (input.token === undefined) refuse('missing');
  const invite = await input.invites.findByTokenHash(hashInviteToken(input.pepper, input.token));
  if (!invite) refuse('invalid');
  if (invite.invited_email !== null && invite.invited_email.toLowerCase() !== input.email.toLowerCase()) {
    refuse('email');
  }
  if (
    input.policy === 'approval' &&
    (invite.signup_request_id === null || !(await input.requestApproved(invite.signup_request_id)))
  ) {
    refuse('approval');
  }
  const now = input.clock.date();
  const reserved = await input.invites.reserve(
    invite.id,
    input.email,
    now,
    new Date(now.getTime() + input.reservationTtlSeconds * 1000),
  );
  if (reserved.status !== 'reserved') refuse(reserved.status);
  return reserved.reservation;
}
