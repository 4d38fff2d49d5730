import { defineAgent } from '../../specs/define-agent.js';

/** Bundled agent `researcher` (spec §3.2). */
export const spec = defineAgent({
  key: 'researcher',
  displayName: 'Researcher',
  description: 'Researches questions on the web and answers with cited sources.',
  modelKey: 'data',
  capabilities: ['research', 'web'],
  promptPath: new URL('./prompt.md', import.meta.url),
  toolKeys: ['web_search'],
  memoryStrategy: { mode: 'summarize', maxUserTurns: 12, tokenBudget: 32_000 },
});
