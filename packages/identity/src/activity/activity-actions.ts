/** The metadata keys an action must carry and the further ones it may carry. */
export interface ActivityActionSpec {
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

const spec = (required: readonly string[], optional: readonly string[] = []): ActivityActionSpec => ({
  required,
  optional,
});

/**
 * Every action the activity log accepts (spec §10.3), with its metadata keys. A closed registry keeps
 * the feed filterable and stops callers from dumping arbitrary (possibly secret) fields into metadata.
 * The conversation, workflow, billing, storage, vector and container entries are declared for the
 * features that will record them.
 */
export const ACTIVITY_ACTIONS = {
  'auth.signup.success': spec(['policy'], ['plan_code', 'invite']),
  'auth.signup.failure': spec(['reason'], ['policy']),
  'auth.login.success': spec(['method'], ['session_id']),
  'auth.login.failure': spec(['reason']),
  'auth.logout': spec(['scope'], ['session_id', 'revoked']),
  'auth.password.changed': spec(['via'], ['revoked_sessions']),
  'auth.service_account.issued': spec(['account'], ['reason', 'reused', 'via']),
  'auth.service_account.revoked': spec(['account'], ['reason']),
  'tenant.lifecycle': spec(['status'], ['previous_status', 'reason']),
  'tenant.account.created': spec([], ['slug']),
  'tenant.account.updated': spec([], ['fields']),
  'conversation.created': spec([], ['agent']),
  'conversation.cleared': spec([]),
  'conversation.message': spec([], ['agent', 'role']),
  'conversation.run.started': spec([], ['agent', 'run_id']),
  'conversation.run.completed': spec([], ['agent', 'run_id', 'duration_ms']),
  'workflow.run.started': spec(['workflow_key'], ['run_id']),
  'workflow.run.completed': spec(['workflow_key'], ['run_id', 'duration_ms']),
  'workflow.run.cancelled': spec(['workflow_key'], ['run_id', 'reason']),
  'billing.subscription.updated': spec([], ['plan_code', 'status']),
  'billing.invoice.paid': spec([], ['invoice_id', 'amount', 'currency']),
  'billing.invoice.failed': spec([], ['invoice_id', 'amount', 'currency', 'reason']),
  'storage.file.uploaded': spec([], ['mime_type', 'size_bytes']),
  'storage.file.deleted': spec([]),
  'vector.file.synced': spec([], ['vector_store_id', 'status']),
  'container.lifecycle': spec(['state'], ['memory_limit']),
} as const satisfies Record<string, ActivityActionSpec>;

/** A registered activity action. */
export type ActivityAction = keyof typeof ACTIVITY_ACTIONS;

/**
 * Throws a `TypeError` (a programming error, never a client one) unless `action` is registered and
 * `metadata` has every required key and no unknown one.
 */
export function assertActivityEvent(action: string, metadata: Readonly<Record<string, unknown>>): void {
  const entry: ActivityActionSpec | undefined = Object.hasOwn(ACTIVITY_ACTIONS, action)
    ? ACTIVITY_ACTIONS[action as ActivityAction]
    : undefined;
  if (!entry) throw new TypeError(`Unknown activity action: ${action}`);
  const missing = entry.required.filter((key) => !Object.hasOwn(metadata, key));
  if (missing.length > 0) {
    throw new TypeError(`Activity ${action} is missing metadata: ${missing.join(', ')}`);
  }
  const unknown = Object.keys(metadata).filter(
    (key) => !entry.required.includes(key) && !entry.optional.includes(key),
  );
  if (unknown.length > 0) {
    throw new TypeError(`Activity ${action} does not allow metadata: ${unknown.join(', ')}`);
  }
}
