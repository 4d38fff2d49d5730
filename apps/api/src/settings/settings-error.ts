/** One bad variable and why; never the value itself, which may be a secret. */
export interface SettingsIssue {
  variable: string;
  reason: string;
}

/**
 * Thrown by `loadSettings` with every problem at once, so an operator fixes the environment in one pass.
 * Not an `AppError`: it ends the process before there is any HTTP surface to map it onto.
 */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
  readonly issues: readonly SettingsIssue[];

  constructor(issues: readonly SettingsIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.variable}: ${issue.reason}`);
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`Invalid settings (${count}):\n${lines.join('\n')}`);
    this.issues = issues;
  }
}
