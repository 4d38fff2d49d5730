export { type CharacterClass, characterClasses } from './character-classes.js';
export {
  type Argon2Cost,
  createPasswordHasher,
  DEFAULT_ARGON2_COST,
  type PasswordHasher,
  type PasswordHasherOptions,
} from './password-hasher.js';
export {
  createPasswordPolicy,
  type PasswordCheckContext,
  type PasswordCheckResult,
  type PasswordPolicy,
  type PasswordPolicyOptions,
} from './password-policy.js';
export {
  createPasswordStrengthEstimator,
  type PasswordStrength,
  type PasswordStrengthEstimator,
} from './password-strength-estimator.js';
export { passwordUserInputs } from './password-user-inputs.js';
