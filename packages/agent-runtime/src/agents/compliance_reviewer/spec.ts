import { defineAgent } from '../../specs/define-agent.js';

/** Bundled agent `compliance_reviewer` (spec §3.2). */
export const spec = defineAgent({
  key: 'compliance_reviewer',
  displayName: 'Compliance Reviewer',
  description: 'Reviews text and plans for privacy, confidentiality and regulatory risks.',
  capabilities: ['compliance', 'review'],
  promptPath: new URL('./prompt.md', import.meta.url),
  guardrails: { preset: 'strict' },
  memoryStrategy: { mode: 'trim', maxUserTurns: 6, tokenBudget: 20_000 },
});
