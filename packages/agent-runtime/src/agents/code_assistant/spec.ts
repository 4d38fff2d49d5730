import { defineAgent } from '../../specs/define-agent.js';

/** Bundled agent `code_assistant` (spec §3.2). */
export const spec = defineAgent({
  key: 'code_assistant',
  displayName: 'Code Assistant',
  description: 'Writes, explains and runs code; analyses data with the code interpreter.',
  modelKey: 'code',
  capabilities: ['code', 'data_analysis'],
  promptPath: new URL('./prompt.md', import.meta.url),
  toolKeys: ['code_interpreter'],
  toolConfigs: { codeInterpreter: { mode: 'auto' } },
  memoryStrategy: { mode: 'compact', maxUserTurns: 10, keepLastUserTurns: 2, tokenBudget: 32_000 },
});
