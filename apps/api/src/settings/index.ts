export { loadSettings } from './load-settings.js';
export type * from './settings.js';
export { SettingsError, type SettingsIssue } from './settings-error.js';
export { PLACEHOLDER_SECRET_KEY } from './settings-schema.js';
