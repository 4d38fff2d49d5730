export * from './authorization/index.js';
export * from './crypto/index.js';
export * from './keys/index.js';
export * from './mfa/index.js';
export * from './passwords/index.js';
export * from './sessions/index.js';
export * from './tokens/index.js';
