import type { ModelProvider } from '@openai/agents-core';
import { createDemoModel, type DemoModel, type DemoModelOptions } from './demo-model.js';

/** Options for {@link createDemoModelProvider}: the demo model's options, minus the per-name request. */
export type DemoModelProviderOptions = Omit<DemoModelOptions, 'requestedModelName'>;

/** A model provider that answers every model name with the demo model. */
export interface DemoModelProvider extends ModelProvider {
  getModel(modelName?: string): DemoModel;
}

/** Creates a provider that stands the demo model in for any requested model, remembering the name asked for. */
export function createDemoModelProvider(options: DemoModelProviderOptions = {}): DemoModelProvider {
  const models = new Map<string, DemoModel>();
  return {
    getModel(modelName?: string): DemoModel {
      const key = modelName ?? '';
      let model = models.get(key);
      if (!model) {
        model = createDemoModel(modelName ? { ...options, requestedModelName: modelName } : options);
        models.set(key, model);
      }
      return model;
    },
  };
}
