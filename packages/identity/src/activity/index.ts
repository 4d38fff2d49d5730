export * from './activity-actions.js';
export * from './activity-recorder.js';
export * from './activity-stream.js';
export * from './activity-values.js';
export * from './sole-tenant.js';
