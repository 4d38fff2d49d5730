import { defineAgent } from '../../specs/define-agent.js';

/** Bundled agent `pdf_designer` (spec §3.2). */
export const spec = defineAgent({
  key: 'pdf_designer',
  displayName: 'PDF Designer',
  description: 'Designs and renders PDF documents and reports with the code interpreter.',
  modelKey: 'code',
  capabilities: ['documents', 'pdf'],
  promptPath: new URL('./prompt.md', import.meta.url),
  toolKeys: ['code_interpreter'],
  toolConfigs: { codeInterpreter: { mode: 'auto', memoryLimit: '4g' } },
  memoryStrategy: { mode: 'trim', maxUserTurns: 6, tokenBudget: 32_000 },
});
