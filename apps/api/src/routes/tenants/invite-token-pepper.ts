import { createHmac } from 'node:crypto';
import type { Settings } from '../../settings/index.js';

/**
 * The pepper of invite token hashes. There is no setting of its own, so it is derived from the refresh
 * token pepper under a fixed label: a leaked invite hash table then says nothing about refresh tokens,
 * and rotating AUTH_REFRESH_TOKEN_PEPPER invalidates outstanding invites like it does sessions.
 */
export function inviteTokenPepper(settings: Settings): string {
  return createHmac('sha256', settings.auth.refreshTokenPepper).update('invite-token-pepper').digest('hex');
}
