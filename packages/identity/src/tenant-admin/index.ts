export * from './caller-context.js';
export * from './if-match-version.js';
export * from './invite-expiry.js';
export * from './invite-token.js';
export * from './member-invites-repository.js';
export * from './tenant-admin.js';
export * from './tenant-admin-schemas.js';
export * from './tenant-payloads.js';
export { FEATURE_FLAG_PREFIX } from './tenant-settings-service.js';
