import type { AuthRequirement } from '../../auth/index.js';

/** Mount point of the chat routes. */
export const CHAT_PREFIX = '/api/v1/chat';

/** S(conversations:write) + T(v+) (spec §1.11); the tenant comes from the verified token. */
export const CHAT_REQUIREMENT: AuthRequirement = {
  kind: 'T',
  role: 'viewer',
  scopes: ['conversations:write'],
};
