import { randomBytes } from 'node:crypto';

const MAX_BASE = 48;

/** A slug (`^[a-z0-9][a-z0-9-]*$`, ≤ 64) derived from a tenant name; `tenant` when nothing usable remains. */
export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_BASE)
    .replace(/-+$/g, '');
  return base === '' ? 'tenant' : base;
}

/** The slug with a short random suffix, for when the plain one is taken. */
export function suffixedSlug(slug: string): string {
  return `${slug}-${randomBytes(3).toString('hex')}`;
}
