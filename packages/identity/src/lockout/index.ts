export {
  createLoginThrottle,
  type LoginFailureOutcome,
  type LoginThrottle,
  type LoginThrottleOptions,
} from './login-throttle.js';
