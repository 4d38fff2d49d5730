export {
  createDemoModel,
  DEMO_MODEL_NAME,
  type DemoModel,
  type DemoModelOptions,
  isDemoModel,
} from './demo-model.js';
export {
  createDemoModelProvider,
  type DemoModelProvider,
  type DemoModelProviderOptions,
} from './demo-model-provider.js';
export { generateJsonSchemaInstance, type JsonSchemaInstanceOptions } from './json-schema-instance.js';
