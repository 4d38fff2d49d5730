export { base32Decode, base32Encode } from './base32.js';
export { type OtpauthUrlInput, otpauthUrl } from './otpauth-url.js';
export {
  findRecoveryCode,
  formatRecoveryCode,
  generateRecoveryCodes,
  hashRecoveryCode,
  normalizeRecoveryCode,
  verifyRecoveryCode,
} from './recovery-codes.js';
export {
  generateTotpSecret,
  type TotpParameters,
  totpCode,
  totpStep,
  type VerifyTotpOptions,
  verifyTotp,
} from './totp.js';
