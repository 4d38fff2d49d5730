export * from './local-object-storage.js';
export { LOCAL_STORAGE_ROUTE, type VerifiedSignedUrl } from './local-url-signer.js';
export { assertValidObjectKey, assertValidObjectPrefix, MAX_OBJECT_KEY_BYTES } from './object-key.js';
export * from './s3-object-storage.js';
