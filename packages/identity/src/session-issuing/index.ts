export type * from './session-issuer.js';
