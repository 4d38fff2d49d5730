import { timingSafeEqual } from 'node:crypto';

/**
 * Compares two strings without leaking where they first differ. Only the length may leak, which is fine
 * for the fixed-length digests this is used on.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    return false;
  }
  return timingSafeEqual(left, right);
}
