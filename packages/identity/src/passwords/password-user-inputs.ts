/**
 * Words a password must not lean on: the email, its local part, the local part's pieces (`ada.lovelace`
 * → `ada`, `lovelace`), the domain's first label, and any caller-supplied inputs (name, tenant name…).
 */
export function passwordUserInputs(email: string | undefined, extra: readonly string[] = []): string[] {
  const inputs = new Set<string>();
  const add = (value: string) => {
    const trimmed = value.trim().toLowerCase();
    if (trimmed.length >= 3) {
      inputs.add(trimmed);
    }
  };
  if (email !== undefined) {
    add(email);
    const at = email.lastIndexOf('@');
    const local = at === -1 ? email : email.slice(0, at);
    add(local);
    for (const piece of local.split(/[._+-]+/)) {
      add(piece);
    }
    if (at !== -1) {
      add(email.slice(at + 1).split('.')[0] ?? '');
    }
  }
  for (const value of extra) {
    add(value);
  }
  return [...inputs];
}
