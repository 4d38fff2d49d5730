export * from './account-flows.js';
export * from './disable-account.js';
export * from './preferences-flows.js';
export * from './profile-schemas.js';
export * from './profile-service.js';
export type * from './profile-service-deps.js';
export * from './profile-view.js';
