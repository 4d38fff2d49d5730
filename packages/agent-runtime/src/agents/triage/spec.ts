import { defineAgent } from '../../specs/define-agent.js';

/** Bundled agent `triage` (spec §3.2). */
export const spec = defineAgent({
  key: 'triage',
  displayName: 'Triage Assistant',
  description: 'Answers general questions and routes code and research work to the right specialist.',
  modelKey: 'triage',
  capabilities: ['general', 'routing'],
  promptPath: new URL('./prompt.md', import.meta.url),
  default: true,
  wrapWithHandoffPrompt: true,
  promptDefaults: { user: { name: 'there' } },
  toolKeys: ['get_current_time', 'search_conversations'],
  handoffKeys: ['code_assistant', 'researcher'],
  handoffContext: { code_assistant: 'last_turn', researcher: 'fresh' },
});
