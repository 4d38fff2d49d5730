import { defineAgent } from '../../specs/define-agent.js';
import { companyIntelBriefSchema } from './company-intel-brief.js';

/** Bundled agent `company_intel` (spec §3.2): a structured brief validated against its schema. */
export const spec = defineAgent({
  key: 'company_intel',
  displayName: 'Company Intel Brief',
  description: 'Researches a company and returns a structured intelligence brief with sources.',
  modelKey: 'data',
  capabilities: ['research', 'structured_output'],
  promptPath: new URL('./prompt.md', import.meta.url),
  toolKeys: ['web_search'],
  output: { mode: 'json_schema', schema: companyIntelBriefSchema, name: 'CompanyIntelBrief', strict: true },
  memoryStrategy: { mode: 'trim', maxUserTurns: 8, tokenBudget: 32_000 },
});
