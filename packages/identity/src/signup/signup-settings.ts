/** `SIGNUP_ACCESS_POLICY` values (spec §7.6). */
export const SIGNUP_ACCESS_POLICIES = ['public', 'invite_only', 'approval'] as const;
/** Who may register a tenant. */
export type SignupAccessPolicy = (typeof SIGNUP_ACCESS_POLICIES)[number];

/** Signup settings (spec §11 "Signup"); the app builds them from its settings module. */
export interface SignupSettings {
  policy: SignupAccessPolicy;
  /** `allow_signup_trial_override`: honour a requested `trial_days` (clamped to the plan's trial). */
  allowTrialOverride: boolean;
  defaultPlanCode: string;
  /** Trial length used when billing is off or the plan names none. */
  defaultTrialDays: number;
  reservationTtlSeconds: number;
  ratePerHour: number;
  ratePerIpDay: number;
  ratePerEmailDay: number;
  ratePerDomainDay: number;
  /** Pending access requests allowed per IP (`SIGNUP_CONCURRENT_REQUESTS_LIMIT`). */
  concurrentRequestsLimit: number;
}

/** The spec §11 defaults. */
export const DEFAULT_SIGNUP_SETTINGS: Readonly<SignupSettings> = Object.freeze({
  policy: 'invite_only',
  allowTrialOverride: false,
  defaultPlanCode: 'starter',
  defaultTrialDays: 14,
  reservationTtlSeconds: 900,
  ratePerHour: 20,
  ratePerIpDay: 100,
  ratePerEmailDay: 3,
  ratePerDomainDay: 20,
  concurrentRequestsLimit: 3,
});

/** GET /auth/signup-policy and the 202 body of POST /auth/request-access. */
export interface SignupPolicySnapshot {
  policy: SignupAccessPolicy;
  invite_required: boolean;
  request_access_enabled: boolean;
}

/** The public view of a signup policy. */
export function signupPolicySnapshot(policy: SignupAccessPolicy): SignupPolicySnapshot {
  return {
    policy,
    invite_required: policy !== 'public',
    request_access_enabled: policy === 'invite_only' || policy === 'approval',
  };
}
