// Public API: each area adds its barrel here.
export * from './models/index.js';
export * from './streaming/index.js';
