export * from './branded-ids.js';
