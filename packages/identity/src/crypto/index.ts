export { constantTimeEqual } from './constant-time-equal.js';
export { hmacSha256Hex } from './hmac-sha256.js';
export {
  createOneTimeToken,
  hashOneTimeSecret,
  type OneTimeToken,
  parseOneTimeToken,
  verifyOneTimeSecret,
} from './one-time-token.js';
export { hashRefreshToken, verifyRefreshTokenHash } from './refresh-token-hash.js';
export { createSecretBox, type SecretBox } from './secret-box.js';
export { SecretBoxError, type SecretBoxFailure } from './secret-box-error.js';
