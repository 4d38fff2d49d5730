import { defineAgent } from '../../specs/define-agent.js';

/** Bundled agent `director` (spec §3.2). */
export const spec = defineAgent({
  key: 'director',
  displayName: 'Task Director',
  description: 'Plans multi-step work and delegates each step to specialist agents used as tools.',
  capabilities: ['planning', 'orchestration'],
  promptPath: new URL('./prompt.md', import.meta.url),
  toolKeys: ['get_current_time', 'search_conversations'],
  agentToolKeys: ['retriever', 'pdf_designer', 'code_assistant', 'researcher', 'image_studio'],
  agentToolOverrides: {
    retriever: { toolName: 'retrieve_knowledge', maxTurns: 6 },
    pdf_designer: { toolName: 'generate_pdf', maxTurns: 8 },
    code_assistant: { toolName: 'code_helper', maxTurns: 6 },
    researcher: {
      toolName: 'research_deepdive',
      maxTurns: 6,
      customOutputExtractor: 'final_answer_only',
    },
    image_studio: { toolName: 'image_creator', maxTurns: 4 },
  },
  memoryStrategy: { mode: 'trim', maxUserTurns: 8, tokenBudget: 32_000 },
});
