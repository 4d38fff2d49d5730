export * from './activity-actions.js';
export * from './activity-feed.js';
export * from './activity-reader.js';
export * from './activity-receipts.js';
export * from './activity-recorder.js';
export * from './activity-stream.js';
export { countUnread } from './activity-unread-count.js';
export * from './activity-values.js';
export * from './sole-tenant.js';
