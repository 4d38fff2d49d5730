/** The §11 settings that shape built-in and hosted tools. */
export interface ToolRegistrySettings {
  readonly imageMaxPartialImages: number;
  readonly imageAllowedFormats: readonly string[];
  readonly containerDefaultAutoMemory: '1g' | '4g' | '16g' | '64g';
  readonly containerFallbackToAutoOnMissingBinding: boolean;
  readonly autoCreateVectorStoreForFileSearch: boolean;
}

/** Defaults of §11 (images, containers, vector stores). */
export const DEFAULT_TOOL_REGISTRY_SETTINGS: ToolRegistrySettings = {
  imageMaxPartialImages: 3,
  imageAllowedFormats: ['png', 'jpeg', 'webp'],
  containerDefaultAutoMemory: '1g',
  containerFallbackToAutoOnMissingBinding: true,
  autoCreateVectorStoreForFileSearch: true,
};
