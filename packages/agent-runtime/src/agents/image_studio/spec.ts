import { defineAgent } from '../../specs/define-agent.js';

/** Bundled agent `image_studio` (spec §3.2). */
export const spec = defineAgent({
  key: 'image_studio',
  displayName: 'Image Studio',
  description: 'Creates images from descriptions with the image generation tool.',
  capabilities: ['image_generation'],
  promptPath: new URL('./prompt.md', import.meta.url),
  toolKeys: ['image_generation'],
  toolConfigs: { imageGeneration: { size: '1024x1024', quality: 'high', partialImages: 0 } },
  memoryStrategy: { mode: 'trim', maxUserTurns: 6, tokenBudget: 24_000 },
});
