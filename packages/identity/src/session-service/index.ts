export { lockedError } from './account-gates.js';
export type { LoginInput, LoginOutcome, MfaChallenge } from './login.js';
export type { ListSessionsOptions, SessionPage, SessionView } from './session-management.js';
export { createSessionService, type SessionService } from './session-service.js';
export { SESSION_MESSAGES, type SessionSecrets, type SessionServiceDeps } from './session-service-deps.js';
