export type { AuthContext, TenantScope } from './auth-context.js';
export type { AuthRequirement } from './auth-requirement.js';
export { type Authorizer, type AuthorizerDeps, createAuthorizer } from './authorizer.js';
export { bearerToken, notAuthenticated } from './bearer-token.js';
export { requestOrigin } from './request-origin.js';
