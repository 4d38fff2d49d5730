// Conformance suites and test helpers, one line per area.
export * from './email-outbox-sender.js';
export * from './job-queue-conformance.js';
export * from './key-value-store-conformance.js';
export * from './manual-clock.js';
export * from './object-storage-conformance.js';
export * from './sql-database-conformance.js';
export * from './test-database.js';
export * from './test-profile.js';
