import type { AgentSpec } from '../specs/agent-spec-schema.js';
import { spec as codeAssistant } from './code_assistant/spec.js';
import { spec as companyIntel } from './company_intel/spec.js';
import { spec as complianceReviewer } from './compliance_reviewer/spec.js';
import { spec as director } from './director/spec.js';
import { spec as imageStudio } from './image_studio/spec.js';
import { spec as pdfDesigner } from './pdf_designer/spec.js';
import { spec as researcher } from './researcher/spec.js';
import { spec as retriever } from './retriever/spec.js';
import { spec as triage } from './triage/spec.js';

export { type CompanyIntelBrief, companyIntelBriefSchema } from './company_intel/company-intel-brief.js';

/** The nine bundled agents of spec §3.2, one folder each (`spec.ts` + `prompt.md`). */
export const bundledAgentSpecs: readonly AgentSpec[] = [
  triage,
  codeAssistant,
  researcher,
  retriever,
  companyIntel,
  complianceReviewer,
  director,
  imageStudio,
  pdfDesigner,
];
