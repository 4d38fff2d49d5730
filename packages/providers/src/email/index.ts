export { isEmailAddress } from './email-message.js';
export * from './log-email-sender.js';
export * from './smtp-email-sender.js';
