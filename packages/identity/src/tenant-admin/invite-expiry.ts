/** Team and signup invites expire after 72 hours unless asked otherwise, and never after more than 14 days. */
export const INVITE_POLICY = Object.freeze({ default_expires_hours: 72, max_expires_hours: 336 });

/** The expiry of an invite issued at `now` that lives `hours` (the default when omitted). */
export function inviteExpiry(now: Date, hours: number | undefined): Date {
  const lifetime = hours ?? INVITE_POLICY.default_expires_hours;
  return new Date(now.getTime() + lifetime * 3_600_000);
}
