export * from './identity-migrations.js';
