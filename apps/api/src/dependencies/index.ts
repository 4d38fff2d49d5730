export type { AppDependencies, AppPorts } from './app-dependencies.js';
export { closeDependencies } from './close-dependencies.js';
export { createDependencies } from './create-dependencies.js';
